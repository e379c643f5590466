"""Templates written by the project: RAIL licences (rail/) and reports (report/).

Shipped inside the package as ``licenselens.templates`` (see pyproject.toml) so
that an installed licenselens renders them without the source tree.
"""
