CREATE TABLE "result_restores" (
	"job_id" text NOT NULL,
	"position" integer NOT NULL,
	"generated_asset_id" text NOT NULL,
	"state" text NOT NULL,
	"reason" text,
	"changed_share" real,
	"mean_delta" real,
	"shift_x" real,
	"shift_y" real,
	"scale" real,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "result_restores" ADD CONSTRAINT "result_restores_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_restores" ADD CONSTRAINT "result_restores_generated_asset_id_assets_id_fk" FOREIGN KEY ("generated_asset_id") REFERENCES "public"."assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "result_restores_job_position_idx" ON "result_restores" USING btree ("job_id","position");