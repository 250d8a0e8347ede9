-- Where a job's Flink Web UI (and REST API) is: its session cluster, or the LOCAL job's own cluster.
ALTER TABLE deployment_job ADD COLUMN web_ui_url VARCHAR(2000);
