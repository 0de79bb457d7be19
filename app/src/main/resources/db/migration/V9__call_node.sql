-- Which Candor node handled each call (campaigns.node-id, else the host name), so that a node starting
-- again can close the calls it left open when it stopped (end_reason node_restart). Calls from before
-- this migration have no node and are left as they are.
ALTER TABLE calls ADD COLUMN node TEXT;
CREATE INDEX calls_open_by_node ON calls (node) WHERE ended_at IS NULL;
