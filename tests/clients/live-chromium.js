// Launches Debian's Chromium for puppeteer-core (no browser download), headless, with nothing phoning home.
"use strict";
const puppeteer = require("puppeteer-core");

function launch() {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
}

module.exports = { launch };
