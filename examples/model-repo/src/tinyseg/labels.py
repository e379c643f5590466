# SPDX-License-Identifier: MIT
# Copyright (c) 2025 The tinyseg demo authors
"""The topics tinyseg-base sorts messages into."""

LABELS = ("billing", "delivery", "account", "other")


def label_name(index: int) -> str:
    """The topic for a class index of the model's output."""
    return LABELS[index] if 0 <= index < len(LABELS) else "other"
