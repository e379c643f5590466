# SPDX-FileCopyrightText: 2026 The licenselens authors
# SPDX-License-Identifier: MIT OR Apache-2.0
"""A tiny source file carrying an SPDX tag, for the licenselens demo."""

print("hello")
