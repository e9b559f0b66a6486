// The invitations API: list pending invitations, invite someone. Same business functions and
// schemas as the members page; the guard answers 401/404/403 and maps errors to JSON.
import { NextResponse } from "next/server";
import { withTenant } from "@/lib/auth/guard";
import { inviteMember, listPendingInvitations } from "@/lib/tenants/invitations";
import { inviteMemberSchema } from "@/lib/tenants/schemas";
import { parseInput, ValidationError } from "@/lib/errors";

export const GET = withTenant("member.invite", async (_req, ctx) => {
  const invitations = await listPendingInvitations(ctx);
  return NextResponse.json({ invitations });
});

export const POST = withTenant("member.invite", async (req, ctx) => {
  const body: unknown = await req.json().catch(() => {
    throw new ValidationError("The request body must be JSON");
  });
  const input = parseInput(inviteMemberSchema, body);
  const result = await inviteMember(ctx, input);
  return NextResponse.json({ invitation: { id: result.invitationId, email: input.email, role: input.role, expiresAt: result.expiresAt } }, { status: 201 });
});
