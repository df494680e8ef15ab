CREATE TABLE "job_expansions" (
	"job_id" text PRIMARY KEY NOT NULL,
	"set_id" text,
	"source_id" text NOT NULL,
	"painted_mask_id" text,
	"ratio" text NOT NULL,
	"placement" jsonb NOT NULL,
	"canvas_width" integer NOT NULL,
	"canvas_height" integer NOT NULL,
	"offset_x" integer NOT NULL,
	"offset_y" integer NOT NULL,
	"scale" real DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_sets" (
	"id" text PRIMARY KEY NOT NULL,
	"prompt" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "job_expansions" ADD CONSTRAINT "job_expansions_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_expansions" ADD CONSTRAINT "job_expansions_set_id_job_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."job_sets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_expansions_set_idx" ON "job_expansions" USING btree ("set_id");