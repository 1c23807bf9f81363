// SPDX-License-Identifier: ISC
// Browser tests: Debian's chromium, headless, driven by playwright-core
// (never a downloaded browser).  A person's path through the site: the
// dashboard, signing in, the jurisdictions list, Chicago's page and its
// letter (page and PDF download), the map and a county on it, a
// recipient's portal and a certification submitted with a document, a
// finding on it proposed by a reviewer and approved by an approver,
// signing out; no page may
// break the content security policy.  Prints TAP; screenshots go to
// $SCREENSHOTS (build/screenshots by default).
//
// usage: node browse.cjs URL   (users from tests/http/serve_lib.bash)
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const crypto = require('crypto');

const pw = require(process.env.PLAYWRIGHT_CORE);
const base = process.argv[2];
const shots = process.env.SCREENSHOTS;
let n = 0, failed = 0;

function ok(cond, what, extra) {
	n++;
	if (cond) console.log(`ok ${n} - ${what}`);
	else {
		failed++;
		console.log(`not ok ${n} - ${what}`);
		if (extra) console.log(`#   ${String(extra).slice(0, 400)}`);
	}
}

async function main() {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'attest-chromium-'));
	const ctx = await pw.chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
			'--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync'],
		viewport: { width: 1280, height: 900 },
	});
	const page = ctx.pages()[0] || await ctx.newPage();
	const problems = [];
	page.on('console', m => {
		if (m.type() === 'error') problems.push(m.text());
	});
	page.on('pageerror', e => problems.push(String(e)));
	try {
		let r = await page.goto(base + '/');
		ok(r.status() === 200, 'the dashboard loads');
		ok(await page.locator('h1').innerText() === 'Dashboard', 'it is the dashboard');
		await page.screenshot({ path: path.join(shots, 'dashboard.png'), fullPage: true });

		await page.click('text=Sign in');
		await page.fill('#name', 'rev');
		await page.fill('#password', 'review-pass-1');
		await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
		ok(new URL(page.url()).pathname === '/', 'signing in lands on the dashboard');
		ok((await page.locator('.who').innerText()).includes('rev (reviewer)'),
			'the header names the reviewer');

		await page.click('nav >> text=Jurisdictions');
		await page.fill('#q', 'Chicago');
		await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
		ok((await page.locator('p.count').innerText()).match(/^\d+ found/), 'the search counts its results');
		await Promise.all([page.waitForNavigation(), page.click('a:text-is("City of Chicago")')]);
		ok(await page.locator('h1').innerText() === 'City of Chicago', "Chicago's page opens");
		ok(await page.locator('#agencies').isVisible(), 'it lists agencies');
		ok(await page.locator('#timeline').isVisible(), 'it has a timeline');
		ok(await page.locator('a[href="/jurisdictions/17031"]').count() > 0,
			'it links Cook County');
		await page.screenshot({ path: path.join(shots, 'jurisdiction.png'), fullPage: true });

		// The as-of date changes the outcome: the injunction of
		// 2017-09-15 suspended the FY2017 access condition.
		const access = () => page.locator('table.outcomes tr',
			{ hasText: 'JAG-FY2017-ACCESS' }).locator('td').nth(1).innerText();
		await page.fill('#as_of', '2017-08-01');
		await Promise.all([page.waitForNavigation(), page.click('section[aria-labelledby=outcomes] form button')]);
		ok(new URL(page.url()).searchParams.get('as_of') === '2017-08-01',
			'the URL carries the as-of date');
		const before = await access();
		await page.fill('#as_of', '2017-09-20');
		await Promise.all([page.waitForNavigation(), page.click('section[aria-labelledby=outcomes] form button')]);
		const after = await access();
		ok(before.startsWith('conflicts') && after.startsWith('not_enforced'),
			`the outcome changes with the date (${before} -> ${after})`);
		await page.selectOption('#interpretation', 'courts-narrow');
		await Promise.all([page.waitForNavigation(), page.click('section[aria-labelledby=outcomes] form button')]);
		ok(new URL(page.url()).searchParams.get('interpretation') === 'courts-narrow',
			'the URL carries the interpretation');

		// The 2017 story goes on from Chicago's page to its letter of
		// 2017-04-21, and the PDF a staff member downloads is the one
		// whose SHA-256 the page shows.
		await Promise.all([page.waitForNavigation(),
			page.locator('a[href="/letters/N-2017-04-21-CHI"]').first().click()]);
		ok((await page.locator('h1').innerText()).startsWith('Letter: '),
			"Chicago's letter opens from its page");
		ok((await page.locator('div.letter').innerText()).includes('1373'),
			'the letter names 8 U.S.C. 1373');
		const shown = (await page.locator('code.sha256').innerText()).trim();
		await page.screenshot({ path: path.join(shots, 'letter.png'), fullPage: true });
		const [dl] = await Promise.all([page.waitForEvent('download'),
			page.click('p.download a')]);
		const pdf = fs.readFileSync(await dl.path());
		ok(pdf.subarray(0, 5).toString() === '%PDF-' &&
			dl.suggestedFilename() === 'letter-N-2017-04-21-CHI.pdf',
			`the letter downloads as a PDF (${dl.suggestedFilename()})`);
		ok(crypto.createHash('sha256').update(pdf).digest('hex') === shown,
			'its SHA-256 is the one the page shows');

		await Promise.all([page.waitForNavigation(), page.click('nav >> text=Map')]);
		const paths = await page.locator('svg.map path').count();
		ok(paths > 3000, `the map draws the counties (${paths} paths)`);
		await page.screenshot({ path: path.join(shots, 'map.png'), fullPage: false });
		await Promise.all([page.waitForNavigation(),
			page.locator('svg.map a[href="/jurisdictions/17031"]').click()]);
		ok((await page.locator('h1').innerText()).includes('Cook'),
			'a county on the map opens its page');
		await page.goto(base + '/map?level=state');
		ok(await page.locator('svg.map a[href="/jurisdictions/17"]').count() === 1,
			'the state map links Illinois');

		await page.goto(base + '/audit');
		ok(await page.locator('h1').innerText() === 'Audit log', 'a reviewer reads the audit log');
		await Promise.all([page.waitForNavigation(), page.click('text=Sign out')]);
		ok((await page.locator('.who').innerText()).includes('Sign in'), 'signing out');
		r = await page.goto(base + '/audit');
		ok(new URL(page.url()).pathname === '/login', 'signed out, the audit log asks to sign in');

		await page.goto(base + '/login');
		await page.fill('#name', 'chi');
		await page.fill('#password', 'recip-pass-1');
		await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
		ok(new URL(page.url()).pathname === '/portal', 'a recipient lands on its portal');
		ok(await page.locator('h1').innerText() === 'City of Chicago', 'the portal is its jurisdiction');
		ok((await page.locator('section[aria-labelledby=notices]').innerText()).includes('N-2017-04-21-CHI'),
			'the portal lists the notices sent to it');
		await page.screenshot({ path: path.join(shots, 'portal.png'), fullPage: true });

		// The recipient answers the letter: a certification with a
		// legal opinion, through the form (multipart, no script).
		await page.selectOption('#notice', 'N-2017-04-21-CHI');
		await page.fill('#signer', 'Edward N. Siskel');
		await page.fill('#signer_title', 'Corporation Counsel');
		await page.selectOption('#authority', 'legal_counsel');
		await page.fill('#summary', 'Chicago complies with 8 U.S.C. 1373.');
		await page.setInputFiles('#opinion', { name: 'opinion.txt', mimeType: 'text/plain',
			buffer: Buffer.from('Opinion of the Corporation Counsel on 8 U.S.C. 1373.\n') });
		await Promise.all([page.waitForNavigation(), page.click('form.certify button[type=submit]')]);
		const got = new URL(page.url()).searchParams.get('received');
		ok(got === 'N-2017-04-21-CHI-C1', `the certification is received (${got})`);
		const recv = await page.locator('.received').innerText();
		ok(recv.includes('LATE by') && recv.includes(', complete'),
			'it is flagged late (due 2017-06-30) and complete (an opinion from counsel)');
		ok(await page.locator('.received a[href="/certifications/N-2017-04-21-CHI-C1/documents/1"]').count() === 1,
			'with its document, to download');
		await page.screenshot({ path: path.join(shots, 'certified.png'), fullPage: true });

		// Four eyes: a reviewer proposes a finding on that certification
		// and an approver, another person, approves it.
		await Promise.all([page.waitForNavigation(), page.click('text=Sign out')]);
		await page.goto(base + '/login');
		await page.fill('#name', 'rev');
		await page.fill('#password', 'review-pass-1');
		await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
		await Promise.all([page.waitForNavigation(), page.click('nav >> text=Reviews')]);
		await page.selectOption('#propose-certification', got);
		await page.selectOption('#propose-finding', 'complies');
		await page.fill('#propose-rationale', 'The opinion of counsel covers 8 U.S.C. 1373.');
		await Promise.all([page.waitForNavigation(),
			page.click('form[action="/reviews"] button[type=submit]')]);
		const rid = new URL(page.url()).searchParams.get('id');
		ok(new URL(page.url()).searchParams.get('done') === 'proposed' && rid === got + '-R1',
			`the reviewer proposes a finding (${rid})`);
		const row = page.locator(`tr[id="${rid}"]`);
		ok((await row.innerText()).includes('an approver decides'),
			'the proposal waits for an approver');
		await Promise.all([page.waitForNavigation(), page.click('text=Sign out')]);
		await page.goto(base + '/login');
		await page.fill('#name', 'apr');
		await page.fill('#password', 'approve-pass-1');
		await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
		await page.goto(base + '/reviews');
		await row.locator('textarea').fill('Agreed.');
		await Promise.all([page.waitForNavigation(), row.locator('button[value=approve]').click()]);
		ok(new URL(page.url()).searchParams.get('done') === 'approved',
			'the approver, another person, approves it');
		ok((await page.locator(`tr[id="${rid}"]`).innerText()).includes('approved by apr'),
			'the queue shows it approved by the approver');
		await page.screenshot({ path: path.join(shots, 'reviews.png'), fullPage: true });

		ok(problems.length === 0, 'no console errors or CSP violations', problems.join(' | '));
	} catch (e) {
		ok(false, 'the walk finished', e.stack);
	} finally {
		await ctx.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
	console.log(`1..${n}`);
	process.exit(failed === 0 ? 0 : 1);
}

main();
