"""What a media file is, read from its first bytes: container or image type, codec,
duration or pixel size. Images by Pillow (already used for labels; ``Image.open`` reads
the header only), audio and video by PyAV (FFmpeg's demuxers: the container's header
and stream parameters, no frame decoded). A file neither knows is imported all the
same, as ``format=""``: the copy matters more than its description.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# Content types by the extension the store keeps (the browser needs them to play).
MIME_TYPES = {
    "mp4": "video/mp4", "m4v": "video/mp4", "mov": "video/quicktime",
    "mkv": "video/x-matroska", "webm": "video/webm", "avi": "video/x-msvideo",
    "mpg": "video/mpeg", "mpeg": "video/mpeg", "ts": "video/mp2t", "m2ts": "video/mp2t",
    "dv": "video/dv", "ogv": "video/ogg", "jpg": "image/jpeg", "jpeg": "image/jpeg",
    "png": "image/png", "tif": "image/tiff", "tiff": "image/tiff", "webp": "image/webp",
    "gif": "image/gif", "mp3": "audio/mpeg", "m4a": "audio/mp4", "wav": "audio/wav",
    "flac": "audio/flac", "ogg": "audio/ogg", "pdf": "application/pdf",
}
DEFAULT_MIME = "application/octet-stream"


@dataclass(frozen=True)
class Probe:
    format: str = ""
    codec: str = ""
    duration_s: float | None = None
    width: int | None = None
    height: int | None = None


def mime_for(name: str) -> str:
    return MIME_TYPES.get(name.rsplit(".", 1)[-1].lower() if "." in name else "", DEFAULT_MIME)


def probe(path: Path) -> Probe:
    """Describe the file at ``path``; an empty ``Probe`` when it cannot be read as
    an image or media container."""
    image = _image(path)
    return image if image is not None else _media(path) or Probe()


def _image(path: Path) -> Probe | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            return Probe(format=str(img.format or "").lower(), width=img.width,
                         height=img.height)
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    except Image.DecompressionBombError:
        return None


def _media(path: Path) -> Probe | None:
    try:
        import av
    except ImportError:  # pragma: no cover - av is a dependency
        return None
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            name = container.format.name.split(",")[0]
            duration = container.duration / 1_000_000 if container.duration else None
            video = container.streams.video[0] if container.streams.video else None
            audio = container.streams.audio[0] if container.streams.audio else None
            stream = video or audio
            if stream is None:
                return None
            codec = stream.codec_context.name if stream.codec_context else ""
            return Probe(
                format=name, codec=codec or "",
                duration_s=round(duration, 3) if duration else None,
                width=video.codec_context.width or None if video else None,
                height=video.codec_context.height or None if video else None,
            )
    except (av.error.FFmpegError, OSError, ValueError, IndexError) as exc:
        log.debug("not a media container: %s", type(exc).__name__)
        return None
