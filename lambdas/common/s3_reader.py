"""A read-only, seekable file object over one S3 object, fetched in ranged GETs on demand.

PyAV reads a container's header, index and first packets through it, so probing a 500 MiB upload
costs a few small requests, not a download. Blocks are cached (least recently used dropped first).
"""

from __future__ import annotations

import io
from collections import OrderedDict
from typing import Any

DEFAULT_BLOCK_BYTES = 256 * 1024
DEFAULT_CACHED_BLOCKS = 16


class S3RangeReader(io.RawIOBase):
    """``read``/``seek``/``tell`` over ``s3://bucket/key`` of known ``size`` (bytes)."""

    def __init__(
        self,
        s3: Any,
        bucket: str,
        key: str,
        size: int,
        *,
        block_bytes: int = DEFAULT_BLOCK_BYTES,
        cached_blocks: int = DEFAULT_CACHED_BLOCKS,
    ) -> None:
        super().__init__()
        self._s3, self.bucket, self.key, self.size = s3, bucket, key, size
        self._block_bytes, self._cached_blocks = block_bytes, cached_blocks
        self._blocks: OrderedDict[int, bytes] = OrderedDict()
        self._position = 0
        self.requests = 0
        self.bytes_fetched = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self.size}[whence]
        if base + offset < 0:
            raise ValueError(f"negative seek position {base + offset}")
        self._position = base + offset
        return self._position

    def _block(self, index: int) -> bytes:
        if index in self._blocks:
            self._blocks.move_to_end(index)
            return self._blocks[index]
        start = index * self._block_bytes
        end = min(start + self._block_bytes, self.size) - 1
        body = self._s3.get_object(Bucket=self.bucket, Key=self.key, Range=f"bytes={start}-{end}")["Body"].read()
        self.requests += 1
        self.bytes_fetched += len(body)
        self._blocks[index] = body
        if len(self._blocks) > self._cached_blocks:
            self._blocks.popitem(last=False)
        return body

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        written = 0
        while written < len(view) and self._position < self.size:
            index, offset = divmod(self._position, self._block_bytes)
            chunk = self._block(index)[offset : offset + len(view) - written]
            if not chunk:
                break
            view[written : written + len(chunk)] = chunk
            written += len(chunk)
            self._position += len(chunk)
        return written
