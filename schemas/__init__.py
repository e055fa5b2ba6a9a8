"""Pandera models: the single source of every published table's columns, types, checks
and descriptions. The Dagster column schemas, DuckDB comments, datapackage.json and the
data dictionary are all generated from these classes."""

from schemas.actors import Actors
from schemas.changes import Changes
from schemas.estimates import IncidentEstimates, IncidentTotals
from schemas.events import Events
from schemas.figures import FigureCandidates, Figures
from schemas.incidents import Incidents
from schemas.places import Places
from schemas.rejected import Rejected
from schemas.reports import Reports

SCHEMA_VERSION = "2.2.0"  # 2.2: changes table; 2.1: figure values bounded, rejected stage "extract"

# Published tables in release order: name -> model.
TABLES = {
    "reports": Reports,
    "actors": Actors,
    "places": Places,
    "incidents": Incidents,
    "events": Events,
    "incident_estimates": IncidentEstimates,
    "incident_totals": IncidentTotals,
    "figures": Figures,
}
REJECTED_TABLES = ("rejected_reports", "rejected_figures", "rejected_actors", "rejected_incidents")

__all__ = [
    "REJECTED_TABLES",
    "SCHEMA_VERSION",
    "TABLES",
    "Actors",
    "Changes",
    "Events",
    "FigureCandidates",
    "Figures",
    "IncidentEstimates",
    "IncidentTotals",
    "Incidents",
    "Places",
    "Rejected",
    "Reports",
]
