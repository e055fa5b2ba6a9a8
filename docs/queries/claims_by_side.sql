-- Claims by each side about one incident: who said it, what was counted, the exact words.
-- Here the incident with the most reports; put any incident_id in its place.
SELECT f.incident_id,
       coalesce(claimant.name, f.claimant_text, 'the report itself') AS claimant,
       f.category,
       coalesce(counted.name, f.counted_text) AS counted,
       f.value_low,
       f.value_high,
       f.quote
FROM figures AS f
LEFT JOIN actors AS claimant ON claimant.actor_id = f.claimant_actor_id
LEFT JOIN actors AS counted ON counted.actor_id = f.counted_actor_id
WHERE f.incident_id = (SELECT incident_id FROM incidents ORDER BY n_reports DESC, incident_id LIMIT 1)
ORDER BY claimant, f.category, f.value_low;
