CREATE TABLE "approvals" (
	"job_id" text NOT NULL,
	"position" integer NOT NULL,
	"decision" text NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approvals_job_id_position_pk" PRIMARY KEY("job_id","position")
);
--> statement-breakpoint
CREATE TABLE "board_items" (
	"board_id" text NOT NULL,
	"job_id" text NOT NULL,
	"position" integer NOT NULL,
	"added_by" text,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "board_items_board_id_job_id_position_pk" PRIMARY KEY("board_id","job_id","position")
);
--> statement-breakpoint
CREATE TABLE "board_shares" (
	"id" text PRIMARY KEY NOT NULL,
	"board_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_hint" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "boards" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stars" (
	"job_id" text NOT NULL,
	"position" integer NOT NULL,
	"person_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stars_job_id_position_person_id_pk" PRIMARY KEY("job_id","position","person_id")
);
--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "shares" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "presets" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_job_id_position_job_results_job_id_position_fk" FOREIGN KEY ("job_id","position") REFERENCES "public"."job_results"("job_id","position") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_items" ADD CONSTRAINT "board_items_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_items" ADD CONSTRAINT "board_items_job_id_position_job_results_job_id_position_fk" FOREIGN KEY ("job_id","position") REFERENCES "public"."job_results"("job_id","position") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_shares" ADD CONSTRAINT "board_shares_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stars" ADD CONSTRAINT "stars_job_id_position_job_results_job_id_position_fk" FOREIGN KEY ("job_id","position") REFERENCES "public"."job_results"("job_id","position") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "board_items_result_idx" ON "board_items" USING btree ("job_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "board_shares_token_hash_idx" ON "board_shares" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "board_shares_board_idx" ON "board_shares" USING btree ("board_id");--> statement-breakpoint
CREATE INDEX "stars_person_idx" ON "stars" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "jobs_created_by_idx" ON "jobs" USING btree ("created_by","created_at");