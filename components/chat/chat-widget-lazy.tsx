"use client";

import dynamic from "next/dynamic";

/**
 * The chat widget, loaded after the page has hydrated rather than with every tenant page: it is
 * a closed button until someone opens it, and its code (with the zod schemas it shares with the
 * server) was the largest client chunk the tenant layout shipped (issue #14 item 3, page weight).
 * `ssr: false` keeps its chunk out of the HTML's scripts; the button appears once it has loaded.
 */
export const ChatWidget = dynamic(() => import("./chat-widget").then((m) => m.ChatWidget), { ssr: false });
