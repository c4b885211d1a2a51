-- the cluster a compute of type spark runs jobs on (spark://HOST:PORT, local[N], yarn, k8s://URL)
ALTER TABLE computes ADD COLUMN master VARCHAR(512);
