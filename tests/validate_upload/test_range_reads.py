"""S3RangeReader behaves like a file, and probing a large upload reads only part of it."""

from __future__ import annotations

import io
import os

import av
import numpy as np
import pytest

from lambdas.common.s3_reader import S3RangeReader
from pipeline.video.probe import VideoLimits, probe_video
from tests.api.moto_resources import FakeAws


def test_reads_and_seeks_like_a_local_file(aws: FakeAws) -> None:
    data = os.urandom(10_000)
    aws.s3.put_object(Bucket=aws.videos_bucket, Key="blob", Body=data)
    reader = S3RangeReader(aws.s3, aws.videos_bucket, "blob", len(data), block_bytes=1024, cached_blocks=2)
    local = io.BytesIO(data)

    for offset, whence, count in [(0, 0, 100), (5000, 0, 3000), (-50, 2, 100), (-200, 1, 10), (9990, 0, 50)]:
        assert reader.seek(offset, whence) == local.seek(offset, whence)
        assert reader.read(count) == local.read(count)
        assert reader.tell() == local.tell()
    reader.seek(0)
    assert reader.read() == data
    with pytest.raises(ValueError):
        reader.seek(-1)


def test_probing_a_large_video_reads_a_fraction_of_it(aws: FakeAws, tmp_path) -> None:
    rng = np.random.default_rng(0)
    path = tmp_path / "noisy.mp4"
    with av.open(str(path), "w", format="mp4") as output:
        stream = output.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 320, 240, "yuv420p"
        stream.options = {"preset": "ultrafast", "qp": "0"}
        for _ in range(20):
            frame = av.VideoFrame.from_ndarray(rng.integers(0, 255, (240, 320, 3), dtype=np.uint8), format="rgb24")
            output.mux(stream.encode(frame))
        output.mux(stream.encode(None))
    size = path.stat().st_size
    aws.s3.put_object(Bucket=aws.videos_bucket, Key="uploads/big.mp4", Body=path.read_bytes())
    reader = S3RangeReader(aws.s3, aws.videos_bucket, "uploads/big.mp4", size)

    probe = probe_video(reader, size_bytes=size, limits=VideoLimits(max_bytes=size, max_seconds=60, max_pixels=10**6))

    assert (probe.width, probe.height, probe.frame_count) == (320, 240, 20)
    assert size > 2 * 2**20  # lossless noise: ~140 KiB per frame
    assert reader.bytes_fetched < size / 3, (reader.bytes_fetched, size)
