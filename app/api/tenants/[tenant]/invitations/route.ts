// The invitations API: list pending invitations, invite someone. Same business functions and
// schemas as the members page; the guard answers 401/404/403 and maps errors to JSON.
import { NextResponse } from "next/server";
import { withTenant } from "@/lib/auth/guard";
import { inviteMember, listPendingInvitations } from "@/lib/tenants/invitations";
import { inviteMemberSchema } from "@/lib/tenants/schemas";
import { ValidationError, validationErrorFromZod } from "@/lib/errors";

export const GET = withTenant("member.invite", async (_req, ctx) => {
  const invitations = await listPendingInvitations(ctx);
  return NextResponse.json({ invitations });
});

export const POST = withTenant("member.invite", async (req, ctx) => {
  const body: unknown = await req.json().catch(() => {
    throw new ValidationError("The request body must be JSON");
  });
  const parsed = inviteMemberSchema.safeParse(body);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const result = await inviteMember(ctx, parsed.data);
  return NextResponse.json({ invitation: { id: result.invitationId, email: parsed.data.email, role: parsed.data.role, expiresAt: result.expiresAt } }, { status: 201 });
});
