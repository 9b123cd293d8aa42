"""newslint: a data-quality linter for scraped news articles (Markdown + YAML front matter)."""

__version__ = "0.1.0"
