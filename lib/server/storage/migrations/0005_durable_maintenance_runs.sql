CREATE TABLE "maintenance_runs" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"lease_expires_at" timestamp with time zone NOT NULL,
	"last_finished_at" timestamp with time zone,
	"last_report" jsonb
);
