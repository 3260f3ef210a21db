"""The result cache: findings of unchanged units of work, kept between runs (docs/speed.md)."""
