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
CREATE TABLE "graph_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"resource" text NOT NULL,
	"subscription_id" text,
	"notification_url" text NOT NULL,
	"client_state_hash" text NOT NULL,
	"expires_at" timestamp with time zone,
	"renewal_requested_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"last_notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "graph_subscriptions_subscription_id_unique" UNIQUE("subscription_id")
);
--> statement-breakpoint
ALTER TABLE "delta_checks" ADD CONSTRAINT "delta_checks_connection_id_entra_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."entra_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_subscriptions" ADD CONSTRAINT "graph_subscriptions_connection_id_entra_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."entra_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "graph_subscriptions_connection" ON "graph_subscriptions" USING btree ("connection_id");--> statement-breakpoint
CREATE INDEX "graph_subscriptions_expiry" ON "graph_subscriptions" USING btree ("expires_at");