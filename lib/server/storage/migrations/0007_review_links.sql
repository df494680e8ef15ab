CREATE TABLE "review_comments" (
	"id" text PRIMARY KEY NOT NULL,
	"review_id" text NOT NULL,
	"job_id" text NOT NULL,
	"position" integer NOT NULL,
	"reviewer_id" text,
	"person_id" text,
	"reply_to" text,
	"body" text NOT NULL,
	"pin_x" real,
	"pin_y" real,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_decisions" (
	"review_id" text NOT NULL,
	"job_id" text NOT NULL,
	"position" integer NOT NULL,
	"reviewer_id" text NOT NULL,
	"picked" boolean DEFAULT false NOT NULL,
	"picked_at" timestamp with time zone,
	"verdict" text,
	"verdict_at" timestamp with time zone,
	CONSTRAINT "review_decisions_review_id_job_id_position_reviewer_id_pk" PRIMARY KEY("review_id","job_id","position","reviewer_id")
);
--> statement-breakpoint
CREATE TABLE "review_hits" (
	"id" text PRIMARY KEY NOT NULL,
	"link" text NOT NULL,
	"client" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_items" (
	"review_id" text NOT NULL,
	"job_id" text NOT NULL,
	"position" integer NOT NULL,
	"ordinal" integer NOT NULL,
	CONSTRAINT "review_items_review_id_job_id_position_pk" PRIMARY KEY("review_id","job_id","position")
);
--> statement-breakpoint
CREATE TABLE "reviewers" (
	"id" text PRIMARY KEY NOT NULL,
	"review_id" text NOT NULL,
	"key_hash" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"token_hint" text NOT NULL,
	"kind" text NOT NULL,
	"target_id" text NOT NULL,
	"title" text NOT NULL,
	"include_before" boolean DEFAULT false NOT NULL,
	"watermark" text,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"view_count" integer DEFAULT 0 NOT NULL,
	"last_viewed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_reviewer_id_reviewers_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."reviewers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_review_id_job_id_position_review_items_review_id_job_id_position_fk" FOREIGN KEY ("review_id","job_id","position") REFERENCES "public"."review_items"("review_id","job_id","position") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_reviewer_id_reviewers_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."reviewers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_review_id_job_id_position_review_items_review_id_job_id_position_fk" FOREIGN KEY ("review_id","job_id","position") REFERENCES "public"."review_items"("review_id","job_id","position") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_job_id_position_job_results_job_id_position_fk" FOREIGN KEY ("job_id","position") REFERENCES "public"."job_results"("job_id","position") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviewers" ADD CONSTRAINT "reviewers_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_comments_review_idx" ON "review_comments" USING btree ("review_id","created_at");--> statement-breakpoint
CREATE INDEX "review_decisions_result_idx" ON "review_decisions" USING btree ("job_id","position");--> statement-breakpoint
CREATE INDEX "review_hits_link_idx" ON "review_hits" USING btree ("link","at");--> statement-breakpoint
CREATE INDEX "review_hits_client_idx" ON "review_hits" USING btree ("client","at");--> statement-breakpoint
CREATE INDEX "review_hits_at_idx" ON "review_hits" USING btree ("at");--> statement-breakpoint
CREATE INDEX "review_items_result_idx" ON "review_items" USING btree ("job_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "reviewers_key_hash_idx" ON "reviewers" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "reviewers_review_idx" ON "reviewers" USING btree ("review_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_token_hash_idx" ON "reviews" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "reviews_created_at_idx" ON "reviews" USING btree ("created_at");