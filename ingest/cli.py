"""The aicap command line: `aicap COMMAND DB_PATH ...`."""
import contextlib
import re
import sys
from collections import Counter
from pathlib import Path

import click

from . import __version__
from . import build, writer
from .load import DEFAULT_MAX_BYTES, display_path, find_article_files
from .annotations import load_annotations
from .annotation_check import check_annotations
from .resources import default_annotations_dir, metadata_path, sql_dir
from .store.shape import reader_problem

PROGRESS_THRESHOLD = 3
SIZE_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "M": 1024**2, "MB": 1024**2, "G": 1024**3, "GB": 1024**3}


class ByteSize(click.ParamType):
    """A size such as 20MB, 512K or 1048576."""

    name = "size"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?B?)\s*", str(value).upper())
        if not match:
            self.fail(f"{value!r} is not a size like 20MB, 512KB or 1048576", param, ctx)
        return int(float(match.group(1)) * SIZE_UNITS[match.group(2)])


@click.group()
@click.version_option(__version__, prog_name="aicap")
def cli():
    """aicap: a knowledge base of AI capital flows, built from news articles into SQLite.

    Typical use: `aicap ingest aicap.db seeds/` then `aicap serve aicap.db`.
    """


@cli.command()
@click.argument("db_path", type=click.Path(dir_okay=False))
# readable=False: an unreadable path is reported with the others' results, not a usage error that
# stops the whole run.
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("--max-bytes", type=ByteSize(), default=DEFAULT_MAX_BYTES, show_default="20MB",
              help="Skip (and report) files larger than this, e.g. 20MB or 512KB.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extract in this many processes (one process writes the database).")
@click.option("--annotations", "annotations_dir", type=click.Path(file_okay=False), default=None,
              help="Folder of curated annotations (*.yaml) to apply [default: the project's annotations/].")
@click.option("--no-curated", is_flag=True, help="Build without curated annotations: extracted facts only.")
@click.option("--silent", is_flag=True, help="Print nothing but errors: no progress bar, no summary.")
def ingest(db_path, paths, max_bytes, jobs, annotations_dir, no_curated, silent):
    """Ingest article files into DB_PATH, creating it if needed.

    PATHS are files or folders; folders are searched recursively for .txt, .md, .html and .htm
    files. Unchanged files are skipped; a file whose content changed replaces its document. A file
    that cannot be read is reported and the others are still ingested; the command then exits 1.
    """
    annotations = [] if no_curated else load_annotations(annotations_dir or default_annotations_dir())
    files, unsearched = find_article_files(paths)
    if not files and not unsearched:
        raise click.ClickException("no article files (.txt, .md, .html, .htm) found in "
                                   + ", ".join(map(display_path, paths)))
    check_annotations(annotations, files, db_path, max_bytes)  # every bad one, before anything is written
    # Locked, checked and shaped until the command ends (ingest/writer.py).
    db = click.get_current_context().with_resource(writer.open_writer(
        db_path, on_wait=None if silent else lambda: click.echo(
            f"waiting for another aicap ingest on {display_path(db_path)} to finish", err=True)))
    results = [build.FileResult(folder, build.FAILED, reason=reason) for folder, reason in unsearched]
    results += _run_ingest(db, files, max_bytes, jobs, annotations,
                           show_progress=not silent and len(files) > PROGRESS_THRESHOLD)
    problems = [r for r in results if r.reason]
    for result in problems:
        click.echo(f"{display_path(result.path)}: {result.reason}", err=True)
    failed = [r for r in results if r.status == build.FAILED]
    if not silent:
        counts = Counter(r.status for r in results)
        summary = ", ".join(f"{n} {status}" for status, n in counts.most_common())
        click.echo(f"{len(results)} files: {summary}", err=True)
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(results)} files could not be ingested (see above)")
    if problems:
        raise click.ClickException(f"{len(problems)} of {len(results)} files were ingested with warnings (see above)")


def _run_ingest(db, files, max_bytes, jobs, annotations, show_progress):
    # Closed however this ends (Ctrl-C, SIGTERM): ingest_paths then commits what it saved.
    with contextlib.closing(build.ingest_paths(db, files, max_bytes, jobs, annotations)) as results:
        if not show_progress:
            return list(results)
        with click.progressbar(results, length=len(files), label="Ingesting", file=sys.stderr,
                               item_show_func=lambda r: display_path(r.path) if r else None) as bar:
            return list(bar)


@cli.command()
@click.argument("db_path", type=click.Path(exists=True, dir_okay=False))
@click.option("-h", "--host", default="127.0.0.1", show_default=True, help="Host to listen on.")
@click.option("-p", "--port", default=8001, show_default=True, type=int, help="Port to listen on (0 picks a free one).")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a web browser.")
def serve(db_path, host, port, open_browser):
    """Browse DB_PATH in Datasette, read-only, with aicap's descriptions, queries and pages."""
    from datasette.cli import cli as datasette_cli

    problem = reader_problem(db_path)
    if problem:
        raise click.ClickException(problem)
    # Not --immutable: Datasette would then read the file without locking, as if it never changed,
    # and an ingest meanwhile makes its pages fail ("database disk image is malformed"). A plain
    # path is opened read-only (mode=ro) with SQLite's locking: pages show the last commit during
    # an ingest and the new data after it. aicap's plugin refuses every request that is not a read.
    args = ["serve", db_path, "--metadata", str(metadata_path()), "--host", host, "--port", str(port)]
    # The plugin in datasette/plugins serves the graph page's scripts itself (no CDN, no --static).
    for option, folder in (("--template-dir", "templates"), ("--plugins-dir", "plugins")):
        path = Path(sql_dir()) / "datasette" / folder
        if path.is_dir():
            args += [option, str(path)]
    # Facet suggestions run queries for every column on every page view, each over the whole view
    # on a view's page: they doubled the time of most view pages and kept circular_deals over 200 ms.
    # The useful facets are named in metadata.yaml.
    args += ["--setting", "suggest_facets", "off"]
    if open_browser:
        args.append("--open")
    datasette_cli.main(args, prog_name="aicap serve")


@cli.command(name="eval")
@click.argument("db_path", type=click.Path(dir_okay=False))
@click.argument("gold_path", type=click.Path(dir_okay=False))
@click.option("--json", "json_path", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the figures and the miss lists to this JSON file.")
@click.option("--group-by", "prefix_chars", type=click.IntRange(min=1), default=1, show_default=True,
              metavar="PREFIX_CHARS",
              help="Group the deal figures by this many first characters of the gold document ids (A01 → A).")
def eval_command(db_path, gold_path, json_path, prefix_chars):
    """Score DB_PATH against the gold facts of GOLD_PATH (format: docs/quality.md).

    Build DB_PATH from the gold's articles first, e.g. `aicap ingest dev.db --no-curated
    eval/devset/articles`. Prints recall of core deals and precision of deal reports (overall, per
    group and per family), money expressions, organizations and loops found, then every miss and
    every false report with its document id and quote. Reads only the public tables.
    """
    from . import gold as gold_file, quality

    gold = gold_file.load_gold(gold_path)
    scores = quality.score(gold, quality.read_facts(db_path), prefix_chars)
    click.echo("\n".join(quality.report_lines(scores, f"aicap eval {db_path} {gold_path}")))
    if json_path:
        quality.write_json(scores, json_path)
