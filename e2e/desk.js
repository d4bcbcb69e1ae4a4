// Where the browser checks run and as whom; scripts/test sets these (README, "Test").
//   AIMS_URL       the site, served on 127.0.0.1 (default http://127.0.0.1:8000)
//   AIMS_PASSWORD  the e2e users' password (aims_app/tests/browser_site.py creates the users)
//   CHROMIUM       the browser (default Debian's /usr/bin/chromium; Playwright downloads none)
//   AIMS_DESK      the desk's path: /app on Frappe v15 (the default), /desk on v16 (aims_app.compat.desk_path)
import { fileURLToPath } from "node:url";

export const baseURL = process.env.AIMS_URL || "http://127.0.0.1:8000";
export const password = process.env.AIMS_PASSWORD || "aims-e2e-Pass-1";
export const DESK = process.env.AIMS_DESK || "/app";
export const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
export const launchArgs = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-dev-shm-usage",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
];

// One user per AIMS role, and an administrator who removes what the checks made.
export const users = {
	admin: "e2e-admin@example.com",
	manager: "e2e-manager@example.com",
	owner: "e2e-owner@example.com",
	riskOwner: "e2e-risk-owner@example.com",
	auditor: "e2e-auditor@example.com",
	approver: "e2e-approver@example.com",
	viewer: "e2e-viewer@example.com",
};

export const stateFile = (role) => fileURLToPath(new URL(`./.auth/${role}.json`, import.meta.url));
export const shotFile = (name) => fileURLToPath(new URL(`./screenshots/${name}.png`, import.meta.url));

// A date `offset` days from today (YYYY-MM-DD), and a stamp that makes a title unique to the run.
export const day = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
export const stamp = () => new Date().toISOString().replace(/\D/g, "").slice(0, 14);
