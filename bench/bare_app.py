"""The yardstick: a bare Textual app with one DataTable of 15 rows (see bench.py)."""

from textual.app import App, ComposeResult
from textual.widgets import DataTable


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Kod", "Namn", "Hälsa", "Kognitiv förmåga", "Social stabilitet")
        for n in range(1, 16):
            table.add_row(f"row-{n:02d}", f"Namn {n}", "2", "3", "1")


if __name__ == "__main__":
    Bare().run()
