ALTER TYPE "public"."sync_frequency" ADD VALUE 'continuous';--> statement-breakpoint
CREATE TABLE "delta_checks" (
	"connection_id" uuid NOT NULL,
	"kind" "sync_kind" NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_for" text NOT NULL,
	"checking_since" timestamp with time zone,
	"checked_at" timestamp with time zone,
	"found_changes" boolean,
	"problem" text,
	CONSTRAINT "delta_checks_connection_id_kind_pk" PRIMARY KEY("connection_id","kind")
);
--> statement-breakpoint
ALTER TABLE "delta_checks" ADD CONSTRAINT "delta_checks_connection_id_entra_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."entra_connections"("id") ON DELETE cascade ON UPDATE no action;