-- Killed per country and month: each incident's total over the groups it counts (low, best and
-- high are sums of the groups' own; incident_totals), with the civilians among them and how many
-- incidents and claims stand behind. An incident is placed by date_start, else by the date of
-- its first report. Running totals belong to no incident, so they are never added.
SELECT ev.country_iso3,
       strftime(coalesce(ev.date_start, ev.reported_date), '%Y-%m') AS month,
       sum(t.low) AS low,
       sum(t.best) AS best,
       sum(t.high) AS high,
       sum(t.best_civilians) AS civilians,
       count(*) AS incidents,
       sum(t.n_claims) AS claims
FROM incident_totals AS t
JOIN events AS ev USING (incident_id)
WHERE t.category = 'killed'
GROUP BY ALL
ORDER BY ev.country_iso3, month;
