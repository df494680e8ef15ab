CREATE TABLE "upstream_account_problems" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
