"""`demo`: build the demo database (Helse Stavanger, or scaled up to the whole country)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from dashboard.demo.network import DEFAULT_DB, DEFAULT_SEED, build_demo, summary


def add_parsers(commands: Any) -> None:
    demo = commands.add_parser("demo", help="bygg demodatabasen")
    demo.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"standard: {DEFAULT_DB}")
    demo.add_argument("--seed", type=int, default=DEFAULT_SEED)
    demo.add_argument(
        "--scale",
        choices=["demo", "national", "10x"],
        default="demo",
        help="demo: Helse Stavanger; national: ~356 kommuner, ~3 000 aktive; 10x: ti ganger det",
    )


def demo(args: argparse.Namespace) -> int:
    if args.scale != "demo":
        from dashboard.demo.scale import build_scaled

        path = build_scaled(args.db, args.scale, seed=args.seed, progress=print)
    else:
        path = build_demo(args.db, seed=args.seed)
    counts = summary(path)
    print(f"Demodatabasen er bygd: {path}")
    print(", ".join(f"{table} {n}" for table, n in counts.items()))
    return 0
