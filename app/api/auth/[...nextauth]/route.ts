import { authRouteHandler } from "@/lib/auth/auth-route";

export const GET = authRouteHandler;
export const POST = authRouteHandler;
