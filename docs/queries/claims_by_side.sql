-- Claims by each side about one incident, side by side: who made each claim, which group it
-- counts and that group's side, the numbers and the exact words. Here the incident where the
-- most sides make claims, then the most claimants and claims; put any incident_id in its place.
SELECT e.incident_id,
       coalesce(claimant.name, f.claimant_text, 'the report itself') AS claimant,
       e.category,
       e.group_name AS counted_group,
       e.side,
       f.counted_text,
       f.value_low,
       f.value_high,
       f.quote
FROM incident_estimates AS e
CROSS JOIN unnest(e.figure_ids) AS claim(figure_id)
JOIN figures AS f ON f.figure_id = claim.figure_id
LEFT JOIN actors AS claimant ON claimant.actor_id = f.claimant_actor_id
WHERE e.incident_id = (
    SELECT incident_id FROM events
    ORDER BY n_sides_claiming DESC, n_claimants DESC, n_claims DESC, incident_id
    LIMIT 1
)
ORDER BY e.category, e.side, counted_group, f.value_low, claimant;
