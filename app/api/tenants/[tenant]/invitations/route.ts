// The invitations API: list pending invitations, invite someone. Same business functions and
// schemas as the members page; the guard answers 401/404/403 and maps errors to JSON.
import { NextResponse } from "next/server";
import { withTenant } from "@/lib/auth/guard";
import { inviteMember, listPendingInvitations } from "@/lib/tenants/invitations";
import { inviteMemberSchema } from "@/lib/tenants/schemas";
import { readJsonBody } from "@/lib/http/json-body";

export const GET = withTenant("member.invite", async (_req, ctx) => {
  const invitations = await listPendingInvitations(ctx);
  return NextResponse.json({ invitations });
});

export const POST = withTenant("member.invite", async (req, ctx) => {
  const input = await readJsonBody(req, inviteMemberSchema);
  const result = await inviteMember(ctx, input);
  return NextResponse.json(
    { invitation: { id: result.invitationId, email: input.email, role: input.role, expiresAt: result.expiresAt } },
    { status: 201 },
  );
});
