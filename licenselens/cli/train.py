"""``licenselens train``: rebuild the clause model from the corpus."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import LicenselensError


@click.command("train")
@click.option("--corpus", "corpus_root", type=click.Path(file_okay=False, path_type=Path),
              default=Path("corpus"), show_default=True, help="The corpus folder (taxonomy.yaml, written/, annotated/).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("models"), show_default=True, help="Where the model and its card are written.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the fold split (training is deterministic).")
def train_command(corpus_root: Path, out_dir: Path, seed: int) -> None:
    """Rebuild the clause classifier in OUT from the corpus in CORPUS.

    Deterministic: the same corpus gives the same files byte for byte.
    Writes the model (JSON and .npy, no pickle), metrics.json with the
    held-out metrics, and README.md, the model card.  Run it from the
    repository root after editing corpus/.
    """
    from ..train import train

    if not (corpus_root / "taxonomy.yaml").is_file():
        raise click.UsageError(f"{corpus_root} is not a corpus folder (no taxonomy.yaml); use --corpus")
    click.echo(f"licenselens: training on {corpus_root} (a minute or so) ...", err=True)
    try:
        report = train(corpus_root, out_dir, seed=seed)
    except LicenselensError as exc:
        raise click.ClickException(str(exc)) from exc
    for warning in report.warnings:
        click.echo(f"licenselens: warning: {warning}", err=True)
    summary = report.metrics.get("summary", report.metrics)
    headline = {k: v for k, v in summary.items() if isinstance(v, (int, float))} if isinstance(summary, dict) else {}
    click.echo(f"trained on {report.examples} clauses from {report.groups} documents in {report.seconds:.0f} s; "
               f"wrote {len(report.files)} files to {report.out_dir}")
    for key, value in sorted(headline.items()):
        click.echo(f"  {key}: {value}")
