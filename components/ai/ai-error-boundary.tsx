"use client";
// Each AI feature on a page sits in its own boundary (issue #9 item 6): a feature that throws
// while rendering (or whose lazily loaded code fails to arrive) shows a small card with a retry,
// and the rest of the page keeps working.
import { Component, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

type Props = { label: string; children: ReactNode };
type State = { failed: boolean };

export class AiErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div role="alert" className="rounded-xl border border-border bg-surface p-4 text-sm text-foreground shadow-sm">
        <p>{this.props.label} could not be shown. The rest of the page works as usual.</p>
        <Button className="mt-2" size="sm" variant="secondary" onClick={() => this.setState({ failed: false })}>
          Try again
        </Button>
      </div>
    );
  }
}
