import { ensureBuild } from "@/scripts/ensure-build";

// Integration tests that start the real server need a current production build.
export default function setup(): void {
  ensureBuild();
}
