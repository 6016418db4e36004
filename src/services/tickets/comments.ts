import { and, asc, count, eq } from "drizzle-orm";
import { ticketComments, users } from "../../db/schema";
import { type Page, type PageQuery, pageMeta } from "../../lib/pagination";
import { actorUserId, type ServiceContext, withTenantTx } from "../context";
import { recordChange } from "../events/record";
import { requirePermission } from "../permissions";
import { getTicketInTenant, lockTicketInTenant } from "./internal";
import type { AddCommentInput } from "./schemas";
import { assertNotClosed } from "./update";

export interface CommentView {
  id: string;
  ticketId: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
  createdAt: string;
}

/** The thread of a ticket, oldest first (ties by id). */
export async function listComments(ctx: ServiceContext, ticketId: string, page: PageQuery): Promise<Page<CommentView>> {
  requirePermission(ctx, "tickets:read");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx, async (tx) => {
    await getTicketInTenant(tx, tenantId, ticketId);
    const where = and(eq(ticketComments.tenantId, tenantId), eq(ticketComments.ticketId, ticketId));
    const rows = await tx
      .select({ c: ticketComments, authorName: users.name })
      .from(ticketComments)
      .leftJoin(users, eq(users.id, ticketComments.authorId))
      .where(where)
      .orderBy(asc(ticketComments.createdAt), asc(ticketComments.id))
      .limit(page.limit)
      .offset((page.page - 1) * page.limit);
    const [total] = await tx.select({ n: count() }).from(ticketComments).where(where);
    return { data: rows.map((r) => toCommentView(r.c, r.authorName)), meta: pageMeta(page, total?.n ?? 0) };
  });
}

/** Adds a comment by the acting user (no author for system actors); a closed ticket takes none (409). */
export async function addComment(ctx: ServiceContext, ticketId: string, input: AddCommentInput): Promise<CommentView> {
  requirePermission(ctx, "tickets:write");
  const tenantId = ctx.tenant.id;
  return withTenantTx(ctx, async (tx, txCtx) => {
    const ticket = await lockTicketInTenant(tx, tenantId, ticketId);
    assertNotClosed(ticket);
    const authorId = actorUserId(ctx.actor);
    const [row] = await tx
      .insert(ticketComments)
      .values({ tenantId, ticketId, authorId, body: input.body })
      .returning();
    if (!row) throw new Error("insert returned no comment");
    const [author] = authorId
      ? await tx
          .select({ name: users.name })
          .from(users)
          .where(and(eq(users.tenantId, tenantId), eq(users.id, authorId)))
          .limit(1)
      : [];
    const view = toCommentView(row, author?.name ?? null);
    await recordChange(tx, txCtx, {
      tenantId,
      action: "comment",
      entityType: "ticket",
      entityId: ticketId,
      changes: view,
    });
    return view;
  });
}

function toCommentView(c: typeof ticketComments.$inferSelect, authorName: string | null): CommentView {
  return {
    id: c.id,
    ticketId: c.ticketId,
    authorId: c.authorId,
    authorName,
    body: c.body,
    createdAt: c.createdAt.toISOString(),
  };
}
