// axe.js renders pages of a built library site in headless Chromium
// (puppeteer-core driving Debian's chromium), saves a screenshot of each,
// injects axe-core and prints the violations as JSON: one object per page,
// {page, width, screenshot, violations: [{id, impact, help, nodes: [html...]}]}.
//
//   node axe.js PUPPETEER_CORE_DIR AXE_MIN_JS CHROMIUM SHOT_DIR WIDTH,WIDTH... PAGE.html...
const [puppeteerDir, axePath, chromium, shotDir, widths, ...pages] = process.argv.slice(2);
const puppeteer = require(puppeteerDir);
const path = require('path');

(async () => {
	const browser = await puppeteer.launch({
		executablePath: chromium,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'],
		protocolTimeout: 120000,
		timeout: 120000,
	});
	const results = [];
	try {
		for (const width of widths.split(',')) for (const file of pages) {
			const page = await browser.newPage();
			await page.setViewport({ width: Number(width), height: 900 });
			await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
			const shot = path.join(shotDir, file.replace(/\.html$/, '').replace(/\//g, '-') + '-' + width + '.png');
			await page.screenshot({ path: shot, fullPage: true });
			await page.addScriptTag({ path: axePath });
			const r = await page.evaluate(async () => {
				const res = await axe.run(document, {
					runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
				});
				return res.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.html) }));
			});
			results.push({ page: file, width: Number(width), screenshot: shot, violations: r });
			await page.close();
		}
	} finally {
		await browser.close();
	}
	process.stdout.write(JSON.stringify(results, null, 1) + '\n');
})().catch(e => { console.error(e); process.exit(2); });
