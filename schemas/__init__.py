"""Pandera models: the single source of every published table's columns, types, checks
and descriptions. The Dagster column schemas, DuckDB comments, datapackage.json and the
data dictionary are all generated from these classes."""

from schemas.actors import Actors
from schemas.estimates import IncidentEstimates
from schemas.figures import FigureCandidates, Figures
from schemas.incidents import Incidents
from schemas.places import Places
from schemas.rejected import Rejected
from schemas.reports import Reports

SCHEMA_VERSION = "1.1.0"

# Published tables in release order: name -> model.
TABLES = {
    "reports": Reports,
    "actors": Actors,
    "places": Places,
    "incidents": Incidents,
    "incident_estimates": IncidentEstimates,
    "figures": Figures,
}
REJECTED_TABLES = ("rejected_reports", "rejected_figures", "rejected_actors", "rejected_incidents")

__all__ = [
    "REJECTED_TABLES",
    "SCHEMA_VERSION",
    "TABLES",
    "Actors",
    "FigureCandidates",
    "Figures",
    "IncidentEstimates",
    "Incidents",
    "Places",
    "Rejected",
    "Reports",
]
