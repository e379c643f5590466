# SPDX-License-Identifier: MIT
# Copyright (c) 2025 The tinyseg demo authors
"""Helpers for the tinyseg-base demo model."""

from .labels import LABELS, label_name

__all__ = ["LABELS", "label_name"]
