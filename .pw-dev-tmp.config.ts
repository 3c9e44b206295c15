import { defineConfig } from "@playwright/test";
import base from "./playwright.config";
export default defineConfig({ ...base, webServer: undefined, reporter: "list", use: { ...base.use, baseURL: "http://localhost:3299" } });
