"""One very large article: the seeds concatenated to SIZE megabytes (default 8), ingested by
`aicap ingest` in a fresh database. Issue 14 asks for at most 20 s and 400 MB at 8 MB.

    .venv/bin/python bench/big_article.py [SIZE_MB]
"""
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(size_mb: float = 8) -> None:
    body = "\n".join(path.read_text(encoding="utf-8") for path in sorted((REPO / "seeds").glob("*.txt")))
    copies = int(size_mb * 2**20 // len(body.encode("utf-8"))) + 1
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "big.txt"
        article.write_text("\n".join([body] * copies), encoding="utf-8")
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", "from ingest.cli import cli; cli()", "ingest",
                                 str(Path(folder) / "big.db"), str(article), "--silent"], cwd=REPO)
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{article.stat().st_size if article.exists() else copies * len(body.encode()):,} bytes: "
          f"exit {result.returncode}, {seconds:.1f} s, peak {peak_mb:.0f} MB")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 8)
