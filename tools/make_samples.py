"""Generate the shipped sample data into ``sample_data/``: ``python tools/make_samples.py [--write DIR] [--seed N]``.

Three small, seeded, realistic exports in three stage models and three languages (what the app's "Load sample
data" imports, see :mod:`cjm.ingest.samples`). Re-running with the same seed gives byte-identical files (the XLSX
too: XlsxWriter stamps zip members 1980-01-01 and the document's creation date is fixed here).

>>> headers, rows = build("romanian")
>>> headers[:3], rows[0][2]
(['ID client', 'Dată', 'Etapă'], 'Conștientizare')

Generation rules (one ``random.Random(seed)`` per file; every row is one touchpoint of one customer):

``hinge_b2b_clients.csv`` — a B2B professional-services firm, Hinge 4-stage model, 2023-2025, UTF-8, ``,``,
CRM-export headers ("Record ID", "Company", "Create Date" as ``yyyy-mm-dd hh:mm``, "Deal Stage", ...).
  * 362 prospects arrive evenly over 2023-01 .. 2025-09 from Website / LinkedIn / In person / Email / Phone; every
    *advocate* sends 0-2 new prospects with Channel "Referral" (Activity "Referral introduction", Notes naming the
    advocate, often no discovery call), so ~390 records in all. Each record has a hidden *fit* in [0, 1] that
    drives ratings and outcomes: emotions are correlated with drop-off.
  * Pre-purchase: first touch → discovery call → proposal meeting → (proposal sent) → decision. ~12 % go cold
    after the first touch (no outcome: stuck). Decision outcome "Hired" with P ≈ 0.15 + 0.45·fit (+0.25 for
    referrals), else "No way" (low fit, often a *blocker* in the meeting) or "Not now"; a third of the
    "Not now" prospects come back 4-12 months later for a second proposal.
  * Client experience: kickoff → **onboarding call — the planted pain point**: about half of the clients rate it
    1-2 ("two hours and still no project plan"), and ~45 % of those leave: half cancel within weeks (Former
    client, "Lost", NPS 0-4), half just go quiet after the call (drop-off in Client experience). ~8 % of clients
    stall after the status reports (stuck).
  * Between engagements: the stage change is logged with **no touchpoint** (Activity and Channel blank) for
    ~80 % of clients, as the Hinge article warns; ~20 % get a check-in email / newsletter / partner lunch, and those
    are far more likely to start a follow-on project — a **backward move** to "Client experience" (≤ 2 cycles).
  * Former client: feedback survey with NPS; "Advocate" when NPS ≥ 9 (likelier with a good onboarding), else
    "Lost". Events after 2025-12-31 are cut, so recent customers are still in flight. In the committed file:
    383 records; last pre-purchase outcome 129 hired / 60 not now / 137 no way / 57 none; 88 clients reached
    Between engagements and only 18 of them had a touchpoint there; 26 advocates, 40 lost; of the clients who
    rated the onboarding call 1-2, 39 % left right after it, vs 2 % of those who rated it 3-5.
  * Noise: ~15 % blank ratings, notes on about a third of the rows (with commas, quotes, a few line breaks), deal values
    only on the contract row.

``tr_kobi_coleman.xlsx`` — a Turkish small business selling accounting software to KOBİs, Coleman's 8 stages
(Değerlendirme … Savunma) × 6 media (Yüz yüze, E-posta, Posta, Telefon, Video, Hediye), year 2025, ~300
customers. Title row "Müşteri Yolculuğu Raporu 2025", a blank row, then the Turkish header; "Müşteri No" with
leading zeros, dates as text ``dd.mm.yyyy``, amounts as text with decimal commas (``12.500,00``).
  * Customers reaching each stage in the committed file: 300, 171, 162, 158, 137, 96, 63, 37 (the year ends
    for late starters too); ~9 % of the activated ones stuck in Aktive Etme after a "Kurulum randevusu"
    (installation appointment) that never happens.
  * **Pain point**: "Destek hattı araması" (Telefon) in Alışma — 55 % rate it 1-2 (long waits), and most of the
    Alışma drop-off comes from them (34 % of those leave right there, vs 18 % of the others). Backward moves:
    Alışma → Aktive Etme ("Yeniden kurulum", 12 %) and Benimseme → Alışma (a new module, 8 %).
    Posta and Hediye appear only in a few stages (gaps to discover).

``ro_sondaj_5etape.csv`` — a Romanian ERP vendor's survey export, 5 stages (Conștientizare, Cercetare, Achiziție,
Fidelizare, Recomandare), year 2024, ~250 customers; ``;`` delimiter, cp1250 (so ș/ț are written as the
cedilla letters ş/ţ that cp1250 has, as real Windows exports do), CRLF, dates ``dd.mm.yyyy``, "Sumă (RON)" with
decimal commas, "Emoție" as words (foarte mulțumit / mulțumit / neutru / nemulțumit / frustrat), B2B roles.
  * Customers reaching each stage in the committed file: 250, 208, 117, 94, 23.
  * **Pain point**: "Demo online" in Cercetare — 40 % get a broken demo ("frustrat" / "nemulțumit"), and only
    26 % of the unhappy ones buy, vs 71 % of the others; a second one: "Suport telefonic" in Fidelizare (45 %
    unhappy, low NPS, rarely recommend). ~7 % stuck in contract negotiation; backward move Fidelizare →
    Cercetare (evaluating an upgrade, 8 %). NPS only on Fidelizare/Recomandare rows.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import heapq
import io
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cjm.ingest.samples import SAMPLE_DIR, SAMPLES

SEED = 2026
_BY_KEY = {s["key"]: s for s in SAMPLES}

# --------------------------------------------------------------------------------------------------------------
# shared helpers


class _Clock:
    """A customer's clock: moves forward in whole days, lands in business hours, never goes back."""

    def __init__(self, rng: random.Random, start: dt.datetime):
        self.rng = rng
        self.t = start

    def after(self, lo: int, hi: int) -> dt.datetime:
        day = self.t.date() + dt.timedelta(days=self.rng.randint(lo, hi))
        t = dt.datetime.combine(day, dt.time(self.rng.randint(8, 17), self.rng.choice((0, 10, 15, 20, 30, 40, 45, 50))))
        if t <= self.t:
            t = self.t + dt.timedelta(minutes=self.rng.choice((15, 20, 30, 45)))
        self.t = t
        return t


def _pick(rng: random.Random, weighted: dict[str, float]) -> str:
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


def _rating(rng: random.Random, fit: float, *, shift: float = 0.0) -> int:
    """1-5 score drawn around 2 + 2.6·fit + shift (higher fit, happier customer)."""
    return max(1, min(5, round(2.0 + 2.6 * fit + shift + rng.uniform(-1.2, 1.2))))


def _mood(score: int | None) -> str:
    if score is None:
        return "neu"
    return "neg" if score <= 2 else ("pos" if score >= 4 else "neu")


def _tr_money(amount: float) -> str:
    """12500.5 -> '12.500,50' (Turkish / Romanian number format)."""
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


# --------------------------------------------------------------------------------------------------------------
# (1) Hinge B2B professional services, English CRM export

HINGE_HEADERS = ["Record ID", "Company", "Create Date", "Deal Stage", "Activity", "Channel", "Buying Role",
                 "Segment", "Persona", "Rating (1-5)", "NPS", "Outcome", "Deal Value", "Notes"]
_H_PRE, _H_CLIENT, _H_BETWEEN, _H_FORMER = "Pre-purchase", "Client experience", "Between engagements", "Former client"
_H_START, _H_END = dt.datetime(2023, 1, 2, 9, 0), dt.datetime(2025, 12, 31, 18, 0)

_H_COMPANY_A = ["Northwind", "Bluegate", "Harbor", "Summit", "Redwood", "Ironbridge", "Clearwater", "Granite",
                "Brightline", "Oakfield", "Silverlake", "Kestrel", "Meridian", "Copperleaf", "Stonehill", "Lakeshore",
                "Pinecrest", "Westbrook", "Falcon", "Evergreen", "Riverbend", "Highpoint", "Maple & Stone", "Atlas",
                "Crescent", "Beacon", "Fairview", "Whitmore", "Cobalt", "Juniper"]
_H_COMPANY_B = ["Logistics", "Health", "Capital", "Foods", "Legal LLP", "Energy", "Software", "Retail", "Labs",
                "Insurance", ", Inc.", "Group", "Partners", "Hotels", "Design", "Tech"]
_H_SEGMENTS = {"Mid-market": 0.45, "Enterprise": 0.22, "SMB": 0.33}
_H_PERSONAS = {"Managing Partner": 0.25, "CMO": 0.25, "CFO": 0.2, "COO": 0.2, "HR Director": 0.1}
_H_ORIGINS = {  # channel -> (first-touch activity, weight)
    "Website": ("Website inquiry", 0.3), "LinkedIn": ("LinkedIn message", 0.17), "In person": ("Conference meeting", 0.15),
    "Email": ("Webinar follow-up", 0.2), "Phone": ("Cold call", 0.18),
}

_H_NOTES: dict[tuple[str, str], list[str]] = {
    ("first", "pos"): ["Strong interest, asked for case studies in their sector", "Warm intro, wants to talk this month",
                       "Read our benchmark report, good fit"],
    ("first", "neu"): ["Asked for pricing before a call", "Just browsing, budget not set", "Downloaded the guide"],
    ("first", "neg"): ["Annoyed by the cold outreach", "Said they get too many vendor calls"],
    ("Discovery call", "pos"): ["Clear pain point: pipeline reporting is manual", "Great chemistry with the partner",
                                "They want to start in Q2, budget approved"],
    ("Discovery call", "neu"): ["Needs to check with the board", "Timeline unclear", "Comparing three firms"],
    ("Discovery call", "neg"): ["Felt we did not understand their industry", "Call started 15 min late, prospect irritated"],
    ("Proposal meeting", "pos"): ["Proposal well received, asked about phase 2", "Sponsor is excited, procurement next"],
    ("Proposal meeting", "neu"): ["Procurement wants a cheaper option", "Questions about team seniority"],
    ("Proposal meeting", "neg"): ['Procurement called the fee "way above market"', "Blocker from IT pushed back hard",
                                  "Too generic, they said it could be for any client"],
    ("Proposal sent", "pos"): ["Signed NDA, legal review started"],
    ("Proposal sent", "neu"): ["Waiting for feedback", "Sent revised scope"],
    ("Proposal sent", "neg"): ["No reply after two reminders"],
    ("Contract signed", "pos"): ["Signed! Kickoff booked", "Three-month engagement, option to extend"],
    ("Not now", "neu"): ["Good feelings, wrong timing - budget frozen until next year", "Reorg under way, revisit in 6 months",
                         "Liked us, but timing is off"],
    ("No way", "neg"): ["Went with a cheaper competitor", "Decided to do it in-house", "Not a fit, said so politely"],
    ("Kickoff meeting", "pos"): ["Energetic kickoff, whole team showed up", "Clear goals agreed"],
    ("Kickoff meeting", "neu"): ["Kickoff ok, sponsor missing"],
    ("Kickoff meeting", "neg"): ["Kickoff rescheduled twice"],
    ("Onboarding call", "pos"): ["Onboarding quick and clear", "Good onboarding, portal access same day"],
    ("Onboarding call", "neu"): ["Onboarding ok but long"],
    ("Onboarding call", "neg"): ["Onboarding call took two hours and we still had no project plan",
                                 "Had to repeat the same information three times, very slow",
                                 "Slow onboarding, three weeks before anyone started work",
                                 "Onboarding call was chaotic, nobody knew who owned what",
                                 'Client: "Is it always this slow?"'],
    ("Status report", "pos"): ["On track, client happy with progress", "Early wins shared with their CEO"],
    ("Status report", "neu"): ["Some delays on data access", "Scope question parked"],
    ("Status report", "neg"): ["Missed a milestone, client frustrated", "Client says reports are too long to read"],
    ("Project delivery", "pos"): ["Final presentation landed very well", "Results beat the target, client delighted"],
    ("Project delivery", "neu"): ["Delivered on time, modest impact"],
    ("Project delivery", "neg"): ["Delivered late, sponsor disappointed", "Recommendations felt generic to them"],
    ("between", "neu"): ["Project closed, no follow-up scheduled", "Engagement ended"],
    ("Check-in email", "pos"): ["Shared an industry report, client replied with thanks", "Quarterly check-in appreciated"],
    ("Newsletter", "neu"): ["Opened the newsletter"],
    ("Partner lunch", "pos"): ["Lunch with the partner, talked about next year's plans"],
    ("Follow-on project", "pos"): ["Back for phase 2", "New project for another department"],
    ("Client feedback survey", "pos"): ["Would recommend us to peers", "Happy to be a reference", "Great team, real impact"],
    ("Client feedback survey", "neu"): ["Fine, but nothing special", "Good work, a bit expensive"],
    ("Client feedback survey", "neg"): ["Communication was poor", "Too slow to get started, would not hire again"],
    ("Cancellation call", "neg"): ["Cancelled after the onboarding: too slow, lost confidence",
                                   "Ended the engagement early, felt ignored after signing",
                                   "Stopped the project, said onboarding wasted a month"],
    ("Case study interview", "pos"): ["Agreed to a case study", "Recorded a video testimonial"],
}
_H_MULTILINE = ["Call notes:\n- budget approved\n- start after summer", "Feedback:\n\"slow start, great finish\""]


def _hinge(rng: random.Random) -> list[list[str]]:
    names = [f"{a} {b}".replace(" ,", ",") for a in _H_COMPANY_A for b in _H_COMPANY_B]
    rng.shuffle(names)
    queue: list[tuple[dt.datetime, int, str | None]] = []  # (first touch, tie-breaker, referred by company)
    span = (dt.datetime(2025, 9, 30) - _H_START).days
    for i in range(362):
        heapq.heappush(queue, (_H_START + dt.timedelta(days=rng.randint(0, span), hours=rng.randint(0, 8)), i, None))
    events: list[tuple[dt.datetime, int, list[str]]] = []
    n_customers = 0
    order = 0

    while queue:
        start, _, referred_by = heapq.heappop(queue)
        n_customers += 1
        rid = str(147_800_000 + n_customers * 10_473 + rng.randint(0, 999))
        company = names[n_customers - 1] if n_customers <= len(names) else f"Client {n_customers}"
        segment, persona = _pick(rng, _H_SEGMENTS), _pick(rng, _H_PERSONAS)
        fit = rng.random()
        clock = _Clock(rng, start)

        def add(t: dt.datetime, stage: str, activity: str, channel: str, role: str, *, rating: int | None = None,
                nps: int | None = None, outcome: str = "", value: str = "", note_key: str | None = None) -> bool:
            nonlocal order
            if t > _H_END:
                return False
            if rating is not None and rng.random() < 0.15:
                rating = None  # not every activity gets rated
            note = ""
            bank = _H_NOTES.get((note_key or activity, _mood(rating) if nps is None else
                                 ("pos" if nps >= 9 else "neg" if nps <= 6 else "neu")))
            if bank and rng.random() < 0.33:
                note = rng.choice(bank)
            elif rng.random() < 0.004:
                note = rng.choice(_H_MULTILINE)
            order += 1
            events.append((t, order, [rid, company, t.strftime("%Y-%m-%d %H:%M"), stage, activity, channel, role,
                                      segment, persona, "" if rating is None else str(rating),
                                      "" if nps is None else str(nps), outcome, value, note]))
            return True

        # -- pre-purchase -----------------------------------------------------------------------------------------
        if referred_by:
            channel, first = "Referral", "Referral introduction"
            fit = min(1.0, fit + 0.25)
        else:
            channel = _pick(rng, {k: w for k, (_, w) in _H_ORIGINS.items()})
            first = _H_ORIGINS[channel][0]
        if not add(clock.t, _H_PRE, first, channel, _pick(rng, {"main client": 0.6, "influencer": 0.3, "coach": 0.1}),
                   rating=_rating(rng, fit), note_key="first"):
            continue
        if referred_by:
            events[-1][2][-1] = f"Referred by {referred_by}"
        if rng.random() < 0.12:
            continue  # went cold after the first touch: stuck in pre-purchase, no outcome
        blocker = rng.random() < 0.25
        hired = False
        for attempt in range(2):
            skip_discovery = referred_by is not None and attempt == 0 and rng.random() < 0.5  # the advocate vouched
            ok = skip_discovery or add(clock.after(3, 20), _H_PRE, "Discovery call",
                                       _pick(rng, {"Phone": 0.5, "Video": 0.5}),
                                       _pick(rng, {"main client": 0.7, "coach": 0.3}), rating=_rating(rng, fit))
            ok = ok and add(clock.after(7, 30), _H_PRE, "Proposal meeting", _pick(rng, {"In person": 0.6, "Video": 0.4}),
                            "blocker" if blocker else _pick(rng, {"main client": 0.6, "user": 0.2, "influencer": 0.2}),
                            rating=_rating(rng, fit, shift=-1.0 if blocker else 0.0))
            if ok and rng.random() < 0.2:
                ok = add(clock.after(1, 10), _H_PRE, "Proposal sent", "Email", "main client", rating=_rating(rng, fit))
            if not ok:
                break
            p_hired = 0.15 + 0.45 * fit + (0.25 if referred_by else 0.0) - (0.15 if blocker else 0.0) + 0.1 * attempt
            u = rng.random()
            t = clock.after(5, 40)
            if u < p_hired:
                value = rng.choice((8, 12, 15, 18, 24, 30, 45, 60, 90)) * 1000 * (2 if segment == "Enterprise" else 1)
                hired = add(t, _H_PRE, "Contract signed", "Email", "main client", rating=_rating(rng, fit, shift=0.5),
                            outcome="Hired", value=f"{value}.00")
                break
            if attempt == 0 and u < p_hired + (1 - p_hired) * (0.55 if fit > 0.35 else 0.25):
                add(t, _H_PRE, "Follow-up call", "Phone", "main client", rating=_rating(rng, fit), outcome="Not now",
                    note_key="Not now")
                if rng.random() < 0.35:
                    clock.after(120, 360)
                    if add(clock.t, _H_PRE, "Re-engagement call", "Phone", "main client", rating=_rating(rng, fit)):
                        continue
                break
            add(t, _H_PRE, "Decision email", "Email", "blocker" if blocker else "main client",
                rating=_rating(rng, fit, shift=-1.0), outcome="No way", note_key="No way")
            break
        if not hired:
            continue

        # -- client experience (with cycles back from between engagements) --------------------------------------
        good_onboarding = True
        advocate_bias = 0.0
        for cycle in range(3):
            if cycle == 0:
                if not add(clock.after(3, 14), _H_CLIENT, "Kickoff meeting", "In person", "main client",
                           rating=_rating(rng, fit, shift=0.3)):
                    break
                slow = rng.random() < 0.5
                onboarding = max(1, min(2, _rating(rng, fit, shift=-2.0))) if slow else _rating(rng, fit, shift=0.3)
                good_onboarding = onboarding >= 3
                if not add(clock.after(2, 10), _H_CLIENT, "Onboarding call", "Phone", "user", rating=onboarding):
                    break
                if slow and rng.random() < 0.45:
                    if rng.random() < 0.5:  # half say so and are marked lost; the other half just go quiet
                        add(clock.after(10, 45), _H_FORMER, "Cancellation call", "Phone", "main client",
                            rating=rng.randint(1, 2), nps=rng.randint(0, 4), outcome="Lost")
                    break
            else:
                if not add(clock.t, _H_CLIENT, "Follow-on project", _pick(rng, {"In person": 0.5, "Video": 0.5}),
                           "main client", rating=_rating(rng, fit, shift=0.5)):
                    break
            for _ in range(rng.randint(1, 2)):
                if not add(clock.after(14, 45), _H_CLIENT, "Status report", "Email",
                           _pick(rng, {"main client": 0.5, "user": 0.3, "coach": 0.2}),
                           rating=_rating(rng, fit, shift=-0.3 if not good_onboarding else 0.0)):
                    break
            else:
                if rng.random() < 0.08:
                    break  # stalled: stuck in client experience
                delivery = _rating(rng, fit, shift=0.3)
                advocate_bias += (delivery - 3) * 0.08
                if not add(clock.after(10, 40), _H_CLIENT, "Project delivery", _pick(rng, {"In person": 0.6, "Video": 0.4}),
                           "main client", rating=delivery):
                    break
                # between engagements: mostly silence (stage change only, no touchpoint)
                if not add(clock.after(5, 30), _H_BETWEEN, "", "", "", note_key="between"):
                    break
                touched = rng.random() < 0.2
                if touched:
                    act, ch = rng.choice((("Check-in email", "Email"), ("Newsletter", "Email"),
                                          ("Partner lunch", "In person")))
                    add(clock.after(30, 90), _H_BETWEEN, act, ch, "main client", rating=_rating(rng, fit, shift=0.8))
                if cycle < 2 and rng.random() < (0.55 if touched else 0.12) + 0.15 * fit:
                    clock.after(30, 200)
                    continue  # back to client experience: a follow-on project
                # former client
                nps = max(0, min(10, round(3 + 7 * fit + (1.5 if good_onboarding else -2.5) + 10 * advocate_bias
                                           + rng.uniform(-2, 2))))
                if add(clock.after(120, 400), _H_FORMER, "Client feedback survey", "Email", "main client",
                       rating=max(1, min(5, round(nps / 2.2))), nps=nps, outcome="Advocate" if nps >= 9 else "Lost"):
                    if nps >= 9:
                        if rng.random() < 0.4:
                            add(clock.after(10, 60), _H_FORMER, "Case study interview", "Video", "main client",
                                rating=rng.randint(4, 5))
                        for _ in range(rng.choice((0, 1, 1, 2))):
                            when = clock.t + dt.timedelta(days=rng.randint(15, 150))
                            if when < _H_END - dt.timedelta(days=30):
                                heapq.heappush(queue, (when, 10_000 + n_customers, company))
            break

    events.sort(key=lambda e: (e[0], e[1]))
    return [row for _, _, row in events]


# --------------------------------------------------------------------------------------------------------------
# (2) Turkish small business, Coleman's 8 stages, XLSX

COLEMAN_TITLE = "Müşteri Yolculuğu Raporu 2025"
COLEMAN_HEADERS = ["Müşteri No", "Tarih", "Aşama", "Temas Noktası", "Kanal", "Memnuniyet (1-5)", "Tutar (TL)",
                   "Yorum", "Segment"]
COLEMAN_STAGES = ["Değerlendirme", "Kabul", "Onaylama", "Aktive Etme", "Alışma", "Başarma", "Benimseme", "Savunma"]
COLEMAN_MEDIA = ["Yüz yüze", "E-posta", "Posta", "Telefon", "Video", "Hediye"]
_C_SEGMENTS = {"Perakende": 0.35, "Hizmet": 0.3, "Üretim": 0.2, "E-ticaret": 0.15}
_C_NOTES: dict[tuple[str, str], list[str]] = {
    ("Web formu", "pos"): ["Hızlı dönüş yaptınız, teşekkürler", "Tam aradığımız gibi görünüyor"],
    ("Web formu", "neu"): ["Fiyat bilgisi istedi", "Sadece bilgi almak istiyor"],
    ("Web formu", "neg"): ["Form çok uzundu"],
    ("Tanıtım toplantısı", "pos"): ["Demo çok açıklayıcıydı", "E-fatura modülü ilgisini çekti"],
    ("Tanıtım toplantısı", "neu"): ["Muhasebecisine danışacak", "Rakip ürünlerle karşılaştırıyor"],
    ("Tanıtım toplantısı", "neg"): ["Toplantı geç başladı, müşteri sıkıldı", "Programı karmaşık buldu"],
    ("Fiyat teklifi", "pos"): ["Teklif uygun bulundu"],
    ("Fiyat teklifi", "neu"): ["İndirim talep etti", "Yıllık ödeme seçeneği soruldu"],
    ("Fiyat teklifi", "neg"): ["Fiyatı pahalı buldu", "Teklif çok geç gönderildi"],
    ("Sözleşme imzası", "pos"): ["Sözleşme imzalandı, kurulum tarihi bekleniyor", "Yıllık paket alındı"],
    ("Hoş geldin e-postası", "neu"): ["E-posta açıldı"],
    ("Teşekkür araması", "pos"): ["Aramadan çok memnun kaldı", "Kendini önemsenmiş hissetti"],
    ("Hoş geldin hediyesi", "pos"): ["Kahve seti çok beğenildi, fotoğrafını paylaştı", "Hediye için teşekkür etti"],
    ("Karşılama mektubu", "neu"): ["Mektup ulaştı"],
    ("Kurulum randevusu", "neu"): ["Kurulum için teknisyen bekleniyor", "Randevu iki kez ertelendi"],
    ("Kurulum ziyareti", "pos"): ["Kurulum sorunsuz tamamlandı", "Teknisyen çok ilgiliydi"],
    ("Kurulum ziyareti", "neg"): ["Kurulum yarım kaldı, tekrar gelinecek"],
    ("Görüntülü kurulum", "pos"): ["Uzaktan kurulum hızlıydı"],
    ("Görüntülü kurulum", "neg"): ["Bağlantı koptu, kurulum uzadı"],
    ("Eğitim videosu", "pos"): ["Videolar çok faydalı"],
    ("Eğitim videosu", "neu"): ["Videoların bir kısmını izledi"],
    ("Yeniden kurulum", "neu"): ["Bilgisayar değişti, yeniden kurulum yapıldı"],
    ("Destek hattı araması", "pos"): ["Sorun ilk aramada çözüldü"],
    ("Destek hattı araması", "neu"): ["Sorun çözüldü ama uzun sürdü"],
    ("Destek hattı araması", "neg"): ["Destek hattında 40 dakika bekledim", "Üç kez aradım, kimse geri dönmedi",
                                      "Her seferinde sorunu baştan anlatmak zorunda kaldım",
                                      "Fatura kesemedim, destek hattına ulaşılamıyor", "Çok sinir bozucu bir deneyim"],
    ("İlk fatura", "neu"): ["Fatura e-posta ile gönderildi"],
    ("İlk fatura", "neg"): ["Faturadaki tutarı anlamadı"],
    ("İlk ay değerlendirmesi", "pos"): ["İşlerini kolaylaştırdığını söyledi", "Ay sonu kapanışı yarı sürede bitti"],
    ("İlk ay değerlendirmesi", "neu"): ["Alışma süreci devam ediyor"],
    ("İlk ay değerlendirmesi", "neg"): ["Beklediği faydayı görmedi"],
    ("Aylık rapor", "pos"): ["Raporları muhasebecisiyle paylaşıyor"],
    ("Ek modül teklifi", "pos"): ["Stok modülünü de aldı", "E-ticaret entegrasyonu eklendi"],
    ("Ek modül teklifi", "neu"): ["Şimdilik gerek görmüyor"],
    ("Yenileme sözleşmesi", "pos"): ["Sözleşmeyi iki yıllığına yeniledi"],
    ("Yenileme sözleşmesi", "neg"): ["Zam oranına itiraz etti"],
    ("Referans görüşmesi", "pos"): ["Başka bir işletmeye bizi önerdi", "Referans olmayı kabul etti"],
    ("Yılbaşı hediyesi", "pos"): ["Takvim ve ajanda çok beğenildi"],
    ("Tavsiye formu", "pos"): ["İki firmanın iletişim bilgisini paylaştı"],
}


def _coleman(rng: random.Random) -> list[list[Any]]:
    start, end = dt.datetime(2025, 1, 2, 9, 0), dt.datetime(2025, 12, 31, 18, 0)
    events: list[tuple[dt.datetime, int, list[Any]]] = []
    order = 0
    span = (dt.datetime(2025, 11, 15) - start).days
    ids = sorted(rng.sample(range(1, 2500), 300))
    for num in ids:
        cid = f"{num:06d}"
        segment = _pick(rng, _C_SEGMENTS)
        fit = rng.random()
        clock = _Clock(rng, start + dt.timedelta(days=rng.randint(0, span)))

        def add(stage: int, touch: str, channel: str, *, lo: int, hi: int, score: int | None = None,
                amount: float | None = None) -> bool:
            nonlocal order
            t = clock.after(lo, hi)
            if t > end:
                return False
            if score is not None and rng.random() < 0.12:
                score = None
            bank = _C_NOTES.get((touch, _mood(score)))
            note = rng.choice(bank) if bank and rng.random() < 0.5 else ""
            order += 1
            events.append((t, order, [cid, t.strftime("%d.%m.%Y"), COLEMAN_STAGES[stage], touch, channel, score,
                                      "" if amount is None else _tr_money(amount), note, segment]))
            return True

        r = lambda shift=0.0: _rating(rng, fit, shift=shift)
        # 0 Değerlendirme
        if not add(0, "Web formu", "E-posta", lo=0, hi=0, score=r()):
            continue
        if not add(0, "Tanıtım toplantısı", _pick(rng, {"Yüz yüze": 0.4, "Video": 0.6}), lo=2, hi=10, score=r()):
            continue
        if rng.random() < 0.15 or not add(0, "Fiyat teklifi", "E-posta", lo=1, hi=7, score=r(-0.3)):
            continue
        if rng.random() > 0.45 + 0.55 * fit:
            continue
        # 1 Kabul
        price = rng.choice((4800, 7200, 9600, 12500, 15000, 18750)) + rng.choice((0, 0, 250.5, 99.9))
        if not add(1, "Sözleşme imzası", _pick(rng, {"Yüz yüze": 0.7, "E-posta": 0.3}), lo=3, hi=20, score=r(0.5),
                   amount=price):
            continue
        if not add(1, "Hoş geldin e-postası", "E-posta", lo=0, hi=1) or rng.random() < 0.03:
            continue
        # 2 Onaylama
        if not add(2, "Teşekkür araması", "Telefon", lo=1, hi=5, score=r(0.8)):
            continue
        gift = rng.random()
        if gift < 0.6:
            add(2, "Hoş geldin hediyesi", "Hediye", lo=2, hi=10, score=r(1.0))
        elif gift < 0.8:
            add(2, "Karşılama mektubu", "Posta", lo=2, hi=10)
        if rng.random() < 0.04:
            continue
        # 3 Aktive Etme
        if rng.random() < 0.09:
            add(3, "Kurulum randevusu", "Telefon", lo=2, hi=10)
            continue  # stuck: waiting for an installation that never happens
        if not add(3, *(("Kurulum ziyareti", "Yüz yüze") if rng.random() < 0.5 else ("Görüntülü kurulum", "Video")),
                   lo=3, hi=21, score=r()):
            continue
        if rng.random() < 0.6:
            add(3, "Eğitim videosu", "Video", lo=1, hi=7, score=r(0.3))
        if rng.random() < 0.03:
            continue
        # 4 Alışma — the support line is the pain point
        left = False
        for round_ in range(2):
            bad = rng.random() < 0.55
            score = rng.randint(1, 2) if bad else r(0.2)
            if not add(4, "Destek hattı araması", "Telefon", lo=5, hi=30, score=score):
                left = True
                break
            if round_ == 0 and rng.random() < 0.5:
                add(4, "İlk fatura", "E-posta", lo=1, hi=20, score=r(-0.5))
            if bad and rng.random() < 0.4 - 0.2 * fit:
                left = True  # gave up after the support line
                break
            if round_ == 0 and rng.random() < 0.12:
                if not add(3, "Yeniden kurulum", _pick(rng, {"Yüz yüze": 0.5, "Video": 0.5}), lo=3, hi=20, score=r()):
                    left = True
                    break
                continue  # backwards to Aktive Etme, then a second Alışma round
            break
        if left or rng.random() < 0.05:
            continue
        # 5 Başarma
        if not add(5, "İlk ay değerlendirmesi", "Video", lo=20, hi=40, score=r(0.2)):
            continue
        if rng.random() < 0.5:
            add(5, "Aylık rapor", "E-posta", lo=20, hi=35, score=r(0.4))
        if rng.random() < 0.08:
            continue
        # 6 Benimseme (may go back to Alışma for a new module)
        if not add(6, "Ek modül teklifi", "E-posta", lo=30, hi=90, score=r(0.3),
                   amount=rng.choice((1500, 2400, 3600)) + 0.0 if rng.random() < 0.5 else None):
            continue
        if rng.random() < 0.08:
            if not add(4, "Destek hattı araması", "Telefon", lo=3, hi=15, score=rng.randint(1, 3)):
                continue
            if not add(6, "Ek modül teklifi", "E-posta", lo=10, hi=30, score=r()):
                continue
        if rng.random() < 0.4:
            add(6, "Yenileme sözleşmesi", "Yüz yüze", lo=20, hi=60, score=r(0.2), amount=price * 1.25)
        if rng.random() < 0.15 + 0.2 * (1 - fit):
            continue
        # 7 Savunma
        for touch, channel in (("Referans görüşmesi", "Telefon"), ("Yılbaşı hediyesi", "Hediye"), ("Tavsiye formu", "Posta")):
            if rng.random() < 0.6 and not add(7, touch, channel, lo=5, hi=40, score=r(0.8)):
                break
    events.sort(key=lambda e: (e[0].date(), e[1]))  # the report lists by day; within a day, in entry order
    return [row for _, _, row in events]


# --------------------------------------------------------------------------------------------------------------
# (3) Romanian 5-stage survey export, cp1250 ';' CSV

ROMANIAN_HEADERS = ["ID client", "Dată", "Etapă", "Punct de contact", "Canal", "Emoție", "NPS", "Persona", "Rol",
                    "Sumă (RON)", "Comentariu"]
ROMANIAN_STAGES = ["Conștientizare", "Cercetare", "Achiziție", "Fidelizare", "Recomandare"]
_R_EMOTIONS = {1: "frustrat", 2: "nemulțumit", 3: "neutru", 4: "mulțumit", 5: "foarte mulțumit"}
_R_PERSONAS = {"Antreprenor": 0.35, "Director financiar": 0.25, "Manager IT": 0.2, "Contabil-șef": 0.2}
_R_ROLES = {"Client principal": 0.45, "Utilizator": 0.25, "Consultant": 0.1, "Influențator": 0.12, "Blocant": 0.08}
_R_NOTES: dict[tuple[str, str], list[str]] = {
    ("Reclamă Facebook", "pos"): ["Reclama a fost clară și la obiect"],
    ("Reclamă Facebook", "neu"): ["Am văzut reclama de câteva ori"],
    ("Reclamă Facebook", "neg"): ["Prea multe reclame, devine enervant"],
    ("Articol blog", "pos"): ["Articolul despre e-Factura m-a ajutat mult", "Informații utile pentru firma mea"],
    ("Articol blog", "neu"): ["Am citit doar începutul"],
    ("Târg IMM", "pos"): ["Discuție foarte bună la stand", "Am primit o demonstrație pe loc"],
    ("Târg IMM", "neu"): ["Am luat un pliant"],
    ("Recomandare de la un partener", "pos"): ["Un prieten antreprenor mi-a recomandat soluția"],
    ("Pagina de prețuri", "pos"): ["Prețurile sunt transparente"],
    ("Pagina de prețuri", "neu"): ["Nu e clar ce include pachetul de bază"],
    ("Pagina de prețuri", "neg"): ["Prețurile nu sunt afișate complet, a trebuit să sun"],
    ("Demo online", "pos"): ["Demonstrația a fost excelentă", "Consultantul a înțeles nevoile noastre"],
    ("Demo online", "neu"): ["Demo-ul a fost prea general"],
    ("Demo online", "neg"): ["Conexiunea a căzut de două ori în timpul demonstrației",
                             "Am așteptat 20 de minute să înceapă demo-ul", "Prezentatorul nu știa răspunsurile",
                             "Nu s-a auzit nimic, am renunțat", "Pierdere de timp, ne uităm la alți furnizori"],
    ("Webinar", "pos"): ["Webinarul a răspuns la întrebările mele"],
    ("Webinar", "neu"): ["Prea lung, dar util"],
    ("Ofertă personalizată", "pos"): ["Oferta a venit repede și e corectă"],
    ("Ofertă personalizată", "neu"): ["Așteptăm aprobarea directorului"],
    ("Ofertă personalizată", "neg"): ["Oferta a întârziat o săptămână"],
    ("Negociere contract", "neu"): ["Discutăm termenii de plată", "Juristul nostru mai are întrebări"],
    ("Negociere contract", "neg"): ["Negocierea durează prea mult"],
    ("Semnare contract", "pos"): ["Am semnat, abia așteptăm implementarea", "Proces simplu și rapid"],
    ("Implementare", "pos"): ["Implementarea a mers fără probleme", "Echipa a fost foarte răbdătoare"],
    ("Implementare", "neg"): ["Importul datelor din vechiul program a eșuat"],
    ("Suport telefonic", "pos"): ["Problema s-a rezolvat în câteva minute"],
    ("Suport telefonic", "neu"): ["Rezolvat, dar după a doua încercare"],
    ("Suport telefonic", "neg"): ["Am stat la coadă 30 de minute", "Nimeni nu știe să răspundă la întrebări de TVA",
                                  "Sunăm de trei zile pentru aceeași problemă"],
    ("Newsletter", "neu"): ["Citesc uneori newsletter-ul"],
    ("Training utilizatori", "pos"): ["Colegii din contabilitate au învățat repede", "Training foarte practic"],
    ("Evaluare upgrade", "neu"): ["Ne gândim la modulul de producție"],
    ("Recenzie Google", "pos"): ["Am lăsat 5 stele, merită", "Recomand cu încredere"],
    ("Program de recomandare", "pos"): ["Am recomandat doi furnizori de-ai noștri"],
    ("Studiu de caz", "pos"): ["Am fost bucuroși să povestim experiența noastră"],
}


def _romanian(rng: random.Random) -> list[list[str]]:
    start, end = dt.datetime(2024, 1, 3, 9, 0), dt.datetime(2024, 12, 31, 18, 0)
    events: list[tuple[dt.datetime, int, list[str]]] = []
    order = 0
    span = (dt.datetime(2024, 11, 1) - start).days
    for i in range(250):
        cid = f"CL-{1001 + i * 3 + rng.randint(0, 2)}"
        persona = _pick(rng, _R_PERSONAS)
        fit = rng.random()
        clock = _Clock(rng, start + dt.timedelta(days=rng.randint(0, span)))

        def add(stage: int, touch: str, channel: str, *, lo: int, hi: int, score: int | None = None,
                nps: int | None = None, amount: float | None = None, role: str | None = None) -> bool:
            nonlocal order
            t = clock.after(lo, hi)
            if t > end:
                return False
            if score is not None and rng.random() < 0.1:
                score = None
            bank = _R_NOTES.get((touch, _mood(score)))
            note = rng.choice(bank) if bank and rng.random() < 0.5 else ""
            order += 1
            events.append((t, order, [cid, t.strftime("%d.%m.%Y"), ROMANIAN_STAGES[stage], touch, channel,
                                      "" if score is None else _R_EMOTIONS[score], "" if nps is None else str(nps),
                                      persona, role or _pick(rng, _R_ROLES), "" if amount is None else _tr_money(amount),
                                      note]))
            return True

        r = lambda shift=0.0: _rating(rng, fit, shift=shift)
        # Conștientizare
        touch, channel = rng.choice((("Reclamă Facebook", "Social media"), ("Articol blog", "Site web"),
                                     ("Târg IMM", "Față în față"), ("Recomandare de la un partener", "Telefon")))
        if not add(0, touch, channel, lo=0, hi=0, score=r(), role="Client principal"):
            continue
        if rng.random() < 0.3 - 0.15 * fit:
            continue
        # Cercetare (+ the demo pain point); may come back here from Fidelizare
        if not add(1, "Pagina de prețuri", "Site web", lo=1, hi=20, score=r(-0.3)):
            continue
        frustrated = False
        if rng.random() < 0.8:
            frustrated = rng.random() < 0.4
            if not add(1, "Demo online", "Online", lo=2, hi=14, score=rng.randint(1, 2) if frustrated else r(0.3)):
                continue
        elif not add(1, "Webinar", "Online", lo=2, hi=14, score=r()):
            continue
        if rng.random() > (0.15 if frustrated else 0.45 + 0.5 * fit):
            continue
        # Achiziție
        amount = rng.choice((3500, 4200, 5800, 7900, 12400, 18600)) + rng.choice((0.0, 0.0, 0.5, 49.99))
        if not add(2, "Ofertă personalizată", "E-mail", lo=3, hi=15, score=r(), amount=amount, role="Client principal"):
            continue
        if not add(2, "Negociere contract", _pick(rng, {"Față în față": 0.5, "Telefon": 0.5}), lo=3, hi=20, score=r(-0.5),
                   role=_pick(rng, {"Client principal": 0.5, "Blocant": 0.3, "Consultant": 0.2})):
            continue
        if rng.random() < 0.07:
            continue  # stuck in negotiation
        if not add(2, "Semnare contract", "Față în față", lo=2, hi=15, score=r(0.6), amount=amount,
                   role="Client principal"):
            continue
        if rng.random() < 0.1:
            continue
        # Fidelizare
        if not add(3, "Implementare", "Față în față", lo=7, hi=30, score=r(), role="Utilizator"):
            continue
        support_bad = rng.random() < 0.45
        nps = max(0, min(10, round(2 + 7 * fit + (-2.5 if support_bad else 1.0) + rng.uniform(-2, 2))))
        if not add(3, "Suport telefonic", "Telefon", lo=10, hi=60, score=rng.randint(1, 2) if support_bad else r(0.2),
                   role="Utilizator", nps=nps if rng.random() < 0.5 else None):
            continue
        if rng.random() < 0.5:
            add(3, "Training utilizatori", "Online", lo=5, hi=30, score=r(0.4), role="Utilizator")
        if rng.random() < 0.4:
            add(3, "Newsletter", "E-mail", lo=10, hi=40, score=3)
        if rng.random() < 0.08:  # back to research: evaluating an upgrade
            if not add(1, "Evaluare upgrade", "Online", lo=10, hi=40, score=r(), role="Influențator"):
                continue
            if not add(3, "Implementare", "Față în față", lo=10, hi=40, score=r(), role="Utilizator"):
                continue
        if nps < 8 and rng.random() < 0.85:
            continue
        # Recomandare
        for touch, channel in (("Recenzie Google", "Site web"), ("Program de recomandare", "E-mail"),
                               ("Studiu de caz", "Față în față")):
            if rng.random() < 0.55:
                if not add(4, touch, channel, lo=7, hi=45, score=r(1.0), nps=max(nps, 9), role="Client principal"):
                    break
    events.sort(key=lambda e: (e[0], e[1]))
    return [row for _, _, row in events]


# --------------------------------------------------------------------------------------------------------------
# public API

_BUILDERS: dict[str, tuple[list[str], Callable[[random.Random], list[list[Any]]], int]] = {
    "hinge": (HINGE_HEADERS, _hinge, 1),
    "coleman": (COLEMAN_HEADERS, _coleman, 2),
    "romanian": (ROMANIAN_HEADERS, _romanian, 3),
}

_CEDILLA = str.maketrans({"ș": "ş", "ț": "ţ", "Ș": "Ş", "Ț": "Ţ"})


def build(key: str, *, seed: int = SEED) -> tuple[list[str], list[list[Any]]]:
    """The headers and data rows of sample *key* ("hinge", "coleman" or "romanian"), as written to the file.

    Cells are text, except the Turkish "Memnuniyet (1-5)" (an int or None: a number cell in Excel).

    >>> headers, rows = build("hinge")
    >>> headers[3], sorted({r[3] for r in rows})[0]
    ('Deal Stage', 'Between engagements')
    """
    headers, make, offset = _BUILDERS[key]
    return list(headers), make(random.Random(seed * 10 + offset))


def _csv_text(headers: list[str], rows: list[list[Any]], *, delimiter: str, newline: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    writer.writerow(headers)
    writer.writerows(rows)
    return buf.getvalue()


def _write_xlsx(path: Path, headers: list[str], rows: list[list[Any]]) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": COLEMAN_TITLE, "author": "Muhasebe Yazılım Ltd.",
                       "created": dt.datetime(2026, 1, 5, 9, 0, 0)})  # fixed: byte-identical reruns
    ws = wb.add_worksheet("Rapor")
    title = wb.add_format({"bold": True, "font_size": 14})
    head = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    ws.merge_range(0, 0, 0, len(headers) - 1, COLEMAN_TITLE, title)
    # row 1 stays blank, the header is on row 2 (Excel row 3)
    ws.write_row(2, 0, headers, head)
    for i, row in enumerate(rows, start=3):
        for j, cell in enumerate(row):
            if cell is None or cell == "":
                continue
            if isinstance(cell, int):
                ws.write_number(i, j, cell)
            else:
                ws.write_string(i, j, cell)
    ws.set_column(0, 1, 12)
    ws.set_column(2, 4, 22)
    ws.set_column(5, 6, 14)
    ws.set_column(7, 7, 48)
    ws.set_column(8, 8, 12)
    ws.freeze_panes(3, 0)
    ws.autofilter(2, 0, 2 + len(rows), len(headers) - 1)
    wb.close()


def write_samples(directory: str | Path | None = None, *, seed: int = SEED) -> list[Path]:
    """Generate the three sample files into *directory* (default: the repo's ``sample_data/``).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     [p.name for p in write_samples(d)]
    ['hinge_b2b_clients.csv', 'tr_kobi_coleman.xlsx', 'ro_sondaj_5etape.csv']
    """
    out = Path(directory or SAMPLE_DIR)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for sample in SAMPLES:
        headers, rows = build(sample["key"], seed=seed)
        path = out / sample["file"]
        if sample["key"] == "hinge":
            path.write_bytes(_csv_text(headers, rows, delimiter=",", newline="\n").encode("utf-8"))
        elif sample["key"] == "romanian":
            text = _csv_text(headers, rows, delimiter=";", newline="\r\n").translate(_CEDILLA)
            path.write_bytes(text.encode("cp1250"))
        else:
            _write_xlsx(path, headers, rows)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/make_samples.py", description="Generate the sample data.")
    parser.add_argument("--write", nargs="?", const=str(SAMPLE_DIR), default=str(SAMPLE_DIR), metavar="DIR",
                        help=f"where to write the three files (default {SAMPLE_DIR})")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    args = parser.parse_args(argv)
    for path in write_samples(args.write, seed=args.seed):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
