-- Killed per country and month: the sum of each incident's low, best and high (running totals,
-- which are not incidents' figures, are left out), with how many incidents and claims stand behind.
SELECT i.country_iso3,
       strftime(coalesce(i.date_start, i.reported_date), '%Y-%m') AS month,
       sum(e.low) AS low,
       sum(e.best) AS best,
       sum(e.high) AS high,
       count(*) AS incidents,
       sum(e.n_claims) AS claims
FROM incident_estimates AS e
JOIN incidents AS i USING (incident_id)
WHERE e.category = 'killed'
GROUP BY ALL
ORDER BY i.country_iso3, month;
