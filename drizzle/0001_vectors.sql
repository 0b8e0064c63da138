-- sqlite-vec tables (drizzle cannot describe vec0). 512-d vectors keyed by the owning row's id:
-- shader style vectors, profile taste vectors, and desire prompt embeddings (seed 000 §5, §8, §9).
CREATE VIRTUAL TABLE IF NOT EXISTS `vec_shader_style` USING vec0(id text primary key, embedding float[512] distance_metric=cosine);
--> statement-breakpoint
CREATE VIRTUAL TABLE IF NOT EXISTS `vec_user_taste` USING vec0(id text primary key, embedding float[512] distance_metric=cosine);
--> statement-breakpoint
CREATE VIRTUAL TABLE IF NOT EXISTS `vec_desire_embedding` USING vec0(id text primary key, embedding float[512] distance_metric=cosine);
