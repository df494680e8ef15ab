CREATE TABLE "upstream_tasks" (
	"job_id" text PRIMARY KEY NOT NULL,
	"image_urls" jsonb,
	"mask_url" text,
	"uploaded_at" timestamp with time zone,
	"unknown_since" timestamp with time zone,
	"last_unknown" text
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" text PRIMARY KEY NOT NULL,
	"task_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "upstream_tasks" ADD CONSTRAINT "upstream_tasks_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_events_received_at_idx" ON "webhook_events" USING btree ("received_at");