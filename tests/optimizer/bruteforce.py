"""Independent brute-force reference for tiny problems (tests only; nothing from the model).

Reads only the Problem's raw fields (plus Problem.travel for the minutes), with its own reading
of PRODUCT.md's rules. Enumerates every assignment of learners to: the waiting list, a running
class, or a new-class block; per block every (location, schedule, start week, level, language,
group); resources checked jointly.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

WAIT = "W"


def first_week(p, lr):
    day = max(lr.waiting_since, lr.available_from or lr.waiting_since)
    d = (day - p.plan_date).days
    return max(0, -(-d // 7))


def since_week(p, lr):
    return (lr.waiting_since - p.plan_date).days // 7


def waits(p, lr, t):
    return max(0, t - since_week(p, lr))


def group_of(route, lr):
    if route.separate == "alfabetisering":
        return lr.literacy or "onbekend"
    if route.separate == "profiel":
        return lr.profile or "onbekend"
    return None


def limit_of(p, lr, route):
    if lr.max_travel is not None:
        return lr.max_travel
    if route.max_travel is not None:
        return route.max_travel
    return p.max_travel


def spoken(lr):
    s = set(lr.languages)
    if lr.preferred_language:
        s.add(lr.preferred_language)
    return s


@dataclass(frozen=True)
class Cfg:
    route: str
    loc: str
    sched: str
    start: int
    level: int
    lang: str | None
    group: str | None


class Ref:
    def __init__(self, p):
        self.p = p
        self.L = list(p.learners)
        self.ids = [lr.id for lr in self.L]
        self.routes = {r.route: r for r in p.routes}
        self.scheds = {s.name: s for s in p.schedules}
        self.locs = {x.name: x for x in p.locations}
        self.H = p.horizon_weeks
        self.J = max(0, p.late_join_weeks)
        self.first = {lr.id: first_week(p, lr) for lr in self.L}
        w = p.weights
        self.w = w
        # waitlist cost
        self.wl = {}
        for lr in self.L:
            wk = waits(p, lr, self.H + p.waitlist_extra_weeks)
            self.wl[lr.id] = (w.wait * lr.priority * wk + w.move * int(p.previous.get(lr.id) is not None),
                              wk, 0)
        # configs
        self.cfgs = []
        for r in p.routes:
            if not any(lr.route == r.route for lr in self.L):
                continue
            starts = r.start_weeks if r.start_weeks is not None else p.start_weeks
            starts = sorted({s for s in (starts if starts is not None else range(self.H)) if 0 <= s < self.H})
            scheds = [self.scheds[n] for n in r.schedules if n in self.scheds] if r.schedules else list(p.schedules)
            langs = list(r.languages) if r.languages else [None]
            groups = sorted({group_of(r, lr) for lr in self.L if lr.route == r.route}, key=str)
            for loc in p.locations:
                for s in scheds:
                    if any(loc.rooms.get(d, 0) <= 0 for d in s.dayparts):
                        continue
                    for st in starts:
                        for lv in range(0, 101):
                            if lv % p.level_step:
                                continue
                            for lg in langs:
                                for g in groups:
                                    self.cfgs.append(Cfg(r.route, loc.name, s.name, st, lv, lg, g))
        # per learner per config: (cost, wait_weeks, misfit, entry week) or absent
        self.opt = {}
        for lr in self.L:
            d = {}
            for c in self.cfgs:
                x = self.member_cost(lr, c)
                if x is not None:
                    d[c] = x
            self.opt[lr.id] = d
        self.running = {rc.id: rc for rc in p.running}
        self.ropt = {}
        for lr in self.L:
            d = {}
            for rc in p.running:
                x = self.running_cost(lr, rc)
                if x is not None:
                    d[rc.id] = x
            self.ropt[lr.id] = d
        self.known = {c.label: c for c in p.known_classes}

    def moved(self, lr, label_or_cfg):
        prev = self.p.previous.get(lr.id)
        if prev is None:
            return 0
        if isinstance(label_or_cfg, str):
            return int(prev != label_or_cfg)
        spec = {c.label: c for c in self.p.known_classes}.get(prev)
        if spec is None:
            return 1
        c = label_or_cfg
        return int((spec.route, spec.location, spec.schedule, spec.start_week, spec.level, spec.language, spec.group)
                   != (c.route, c.loc, c.sched, c.start, c.level, c.lang, c.group))

    def static(self, lr, loc, sched, level, lang):
        w = self.w
        minutes = self.p.travel(lr.id, loc) or 0
        nonpref = len(sched.dayparts - lr.preferred_dayparts) if lr.preferred_dayparts else 0
        lm = int(lang is not None and lr.preferred_language is not None and lang != lr.preferred_language)
        return w.misfit * abs(lr.level - level) + w.travel * minutes + w.daypart * nonpref + w.language * lm

    def compatible(self, lr, route, loc, sched, level, lang, group):
        if lr.route != route.route:
            return False
        if not sched.dayparts <= lr.dayparts:
            return False
        if loc in lr.excluded_locations:
            return False
        m = self.p.travel(lr.id, loc)
        if m is None or m > limit_of(self.p, lr, route):
            return False
        if 2 * abs(lr.level - level) > route.max_spread:
            return False
        if route.separate and (group or "onbekend") != group_of(route, lr):
            return False
        return not (route.languages and lang not in spoken(lr))

    def member_cost(self, lr, c):
        r = self.routes[c.route]
        s = self.scheds[c.sched]
        if not self.compatible(lr, r, c.loc, s, c.level, c.lang, c.group):
            return None
        e = max(c.start, self.first[lr.id])
        if e > c.start + self.J or e >= self.H:
            return None
        wk = waits(self.p, lr, e)
        cost = self.w.wait * lr.priority * wk + self.static(lr, c.loc, s, c.level, c.lang) + self.w.move * self.moved(lr, c)
        return (cost, wk, abs(lr.level - c.level), e)

    def running_cost(self, lr, rc):
        if rc.free_seats <= 0:
            return None
        r = self.routes[rc.route]
        s = self.scheds[rc.schedule]
        if not self.compatible(lr, r, rc.location, s, rc.level, rc.language, rc.group):
            return None
        e = self.first[lr.id]
        p = self.p
        if e >= self.H:
            return None
        start_day = p.plan_date + timedelta(days=7 * e)
        # joins while at least min_weeks_left weeks are left (in whole weeks)
        weeks_left = math.ceil((rc.end_date - p.plan_date).days / 7) - e
        if weeks_left < p.min_weeks_left_to_join:
            return None
        if rc.join_until is not None and start_day > rc.join_until:
            return None
        wk = waits(p, lr, e)
        cost = self.w.wait * lr.priority * wk + self.static(lr, rc.location, s, rc.level, rc.language) + \
            self.w.move * self.moved(lr, rc.id)
        return (cost, wk, abs(lr.level - rc.level), e)

    # ---- resources ----
    def occupancy(self, c):
        r = self.routes[c.route]
        s = self.scheds[c.sched]
        return [(d, t) for t in range(c.start, min(self.H, c.start + r.duration_weeks)) for d in s.dayparts]

    def base_use(self):
        tu, ru = defaultdict(int), defaultdict(int)
        p = self.p
        for rc in p.running:
            for t in range(self.H):
                if rc.end_date > p.plan_date + timedelta(days=7 * t):
                    for d in self.scheds[rc.schedule].dayparts:
                        tu[d, t] += 1
                        ru[rc.location, d, t] += 1
        return tu, ru

    # ---- block configs ----
    def block_cfgs(self, block):
        """Per config feasible for the whole block: (cost, waitsum, misfitsum)."""
        out = []
        for c in self.cfgs:
            tot = [0, 0, 0]
            ok = True
            first_day = 0
            for lid in block:
                x = self.opt[lid].get(c)
                if x is None:
                    ok = False
                    break
                tot[0] += x[0]
                tot[1] += x[1]
                tot[2] += x[2]
                first_day += x[3] == c.start
            if not ok:
                continue
            r = self.routes[c.route]
            if len(block) > r.max_size or first_day < r.min_size:
                continue
            out.append((tot[0] + self.w.new_class, tot[1], tot[2], c))
        return out


def enumerate_plans(ref: Ref, want_all=False, max_plans=None):
    """Yield every feasible complete plan as (cost, waitsum, misfitsum, placed, assignment dict,
    block configs) if want_all, else return only the optimum (branch and bound)."""
    p = ref.p
    L = ref.L
    ids = ref.ids
    n = len(L)
    by = {lr.id: lr for lr in L}
    tu0, ru0 = ref.base_use()
    caps_t = dict(p.teachers)
    best = [math.inf, None]
    results = []
    block_cache = {}

    def cfgs_of(block):
        key = frozenset(block)
        if key not in block_cache:
            block_cache[key] = sorted(ref.block_cfgs(key), key=lambda x: x[0])
        return block_cache[key]

    # pins
    def pin_ok_label(lr, label):
        if lr.pin is None:
            return True
        if lr.pin == "WACHTLIJST":
            return label == WAIT
        if lr.pin in ref.running:
            return label == lr.pin
        return isinstance(label, int)  # known-class pin: checked on its config

    assign = {}
    blocks: list[list[str]] = []

    def leaf():
        # together
        grp = defaultdict(set)
        for lr in L:
            if lr.together:
                grp[lr.together].add(assign[lr.id] if not isinstance(assign[lr.id], int) else ("B", assign[lr.id]))
        if any(len(v) > 1 for v in grp.values()):
            return
        # running seats
        cnt = defaultdict(int)
        for lab in assign.values():
            if isinstance(lab, str) and lab != WAIT:
                cnt[lab] += 1
        if any(cnt[r] > ref.running[r].free_seats for r in cnt):
            return
        base = 0
        bw = bm = 0
        placed = 0
        for lid, lab in assign.items():
            if lab == WAIT:
                base += ref.wl[lid][0]
                bw += ref.wl[lid][1]
            elif isinstance(lab, str):
                c, wk, mf, _e = ref.ropt[lid][lab]
                base += c
                bw += wk
                bm += mf
                placed += 1
            else:
                placed += 1
        # block configs with restrictions
        opts = []
        required = defaultdict(int)
        for spec in p.known_classes:
            if spec.locked:
                required[(spec.route, spec.location, spec.schedule, spec.start_week, spec.level, spec.language,
                          spec.group)] += 1
        for b in blocks:
            cs = cfgs_of(b)
            pins = {by[lid].pin for lid in b if by[lid].pin is not None}
            if pins:
                if len(pins) > 1:
                    return
                spec = ref.known[next(iter(pins))]
                k = (spec.route, spec.location, spec.schedule, spec.start_week, spec.level, spec.language, spec.group)
                cs = [x for x in cs if (x[3].route, x[3].loc, x[3].sched, x[3].start, x[3].level, x[3].lang,
                                        x[3].group) == k]
            if not cs:
                return
            opts.append((cs, bool(pins)))
        # pinned blocks with the same label: two blocks pinned to one known label is not allowed
        labels = [next(iter({by[lid].pin for lid in b if by[lid].pin})) for b, (_, pinned) in zip(blocks, opts, strict=False) if pinned]
        if len(labels) != len(set(labels)):
            return
        k = len(blocks)
        order = sorted(range(k), key=lambda i: len(opts[i][0]))
        tu = dict(tu0)
        ru = dict(ru0)
        chosen = [None] * k

        def fits(c):
            for d, t in ref.occupancy(c):
                if tu.get((d, t), 0) + 1 > caps_t.get(d, 0):
                    return False
                if ru.get((c.loc, d, t), 0) + 1 > ref.locs[c.loc].rooms.get(d, 0):
                    return False
            return True

        def use(c, s):
            for d, t in ref.occupancy(c):
                tu[d, t] = tu.get((d, t), 0) + s
                ru[c.loc, d, t] = ru.get((c.loc, d, t), 0) + s

        mins = [opts[i][0][0][0] for i in range(k)]

        def locked_ok():
            have = defaultdict(int)
            for x in chosen:
                c = x[3]
                have[(c.route, c.loc, c.sched, c.start, c.level, c.lang, c.group)] += 1
            return all(have[key] >= need for key, need in required.items())

        def rec(j, cost, ws, ms):
            if j == k:
                if not locked_ok():
                    return
                if want_all:
                    results.append((cost, ws, ms, placed, dict(assign), [x[3] for x in chosen]))
                elif cost < best[0]:
                    best[0] = cost
                    best[1] = (dict(assign), [x[3] for x in chosen], ws, ms, placed)
                return
            i = order[j]
            if not want_all and cost + sum(mins[order[q]] for q in range(j, k)) >= best[0]:
                return
            seen = set()
            for x in opts[i][0]:
                c = x[3]
                if want_all:
                    sig = (x[1], x[2], c.route, c.loc, c.sched, c.start, c.level if required else 0)
                    if sig in seen:
                        continue
                    seen.add(sig)
                if not want_all and cost + x[0] + sum(mins[order[q]] for q in range(j + 1, k)) >= best[0]:
                    break
                if not fits(c):
                    continue
                use(c, 1)
                chosen[i] = x
                rec(j + 1, cost + x[0], ws + x[1], ms + x[2])
                use(c, -1)
                chosen[i] = None

        rec(0, base, bw, bm)

    # lower bound per learner: min over any label
    lb_single = {}
    for lr in L:
        vals = [ref.wl[lr.id][0]] + [v[0] for v in ref.opt[lr.id].values()] + [v[0] for v in ref.ropt[lr.id].values()]
        lb_single[lr.id] = min(vals)
    suffix = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        suffix[i] = suffix[i + 1] + lb_single[ids[i]]

    def partial_cost():
        c = 0
        for lid, lab in assign.items():
            if lab == WAIT:
                c += ref.wl[lid][0]
            elif isinstance(lab, str):
                c += ref.ropt[lid][lab][0]
        for b in blocks:
            cs = cfgs_partial(b)
            if cs == math.inf:
                return math.inf
            c += cs
        return c

    pc_cache = {}

    def cfgs_partial(b):
        key = frozenset(b)
        if key not in pc_cache:
            best_c = math.inf
            for c in ref.cfgs:
                tot = 0
                for lid in b:
                    x = ref.opt[lid].get(c)
                    if x is None:
                        break
                    tot += x[0]
                else:
                    r = ref.routes[c.route]
                    if len(b) <= r.max_size:
                        best_c = min(best_c, tot)
            pc_cache[key] = best_c
        return pc_cache[key]

    def rec(i):
        if not want_all and partial_cost() + suffix[i] >= best[0]:
            return
        if i == n:
            leaf()
            return
        lid = ids[i]
        lr = by[lid]
        cands = [WAIT] + list(ref.ropt[lid]) + list(range(len(blocks) + 1))
        for lab in cands:
            if not pin_ok_label(lr, lab):
                continue
            if isinstance(lab, int):
                if lab == len(blocks):
                    blocks.append([])
                b = blocks[lab]
                if any(o in lr.not_with or lid in by[o].not_with for o in b):
                    if lab == len(blocks) - 1 and not b:
                        blocks.pop()
                    continue
                b.append(lid)
                if cfgs_partial(b) == math.inf:
                    b.pop()
                    if not b:
                        blocks.pop()
                    continue
                assign[lid] = lab
                rec(i + 1)
                del assign[lid]
                b.pop()
                if not b:
                    blocks.pop()
            else:
                if isinstance(lab, str) and lab != WAIT and any(
                        assign.get(o) == lab for o in lr.not_with | {x for x in ids if lid in by[x].not_with}):
                    continue
                assign[lid] = lab
                rec(i + 1)
                del assign[lid]

    rec(0)
    if want_all:
        return results
    return best[0], best[1]


def optimum(p):
    ref = Ref(p)
    return enumerate_plans(ref)


def all_plans(p):
    ref = Ref(p)
    return enumerate_plans(ref, want_all=True)
