"""How resources holding data outlive their stack: one policy for the KMS key, buckets and tables.

``RetainExceptOnCreate`` keeps the resource when the stack is deleted or updated away, but deletes it
when the stack's *first* create fails and rolls back, so a failed first deploy leaves no orphaned
key, bucket or table behind to block or bill the next attempt. A replacement keeps the old one
(``UpdateReplacePolicy: Retain``).
"""

from __future__ import annotations

RETAIN_DATA = {"DeletionPolicy": "RetainExceptOnCreate", "UpdateReplacePolicy": "Retain"}
"""Keyword arguments for a troposphere resource whose data must survive its stack."""
