/*
 * advice: operating advice from the answers (see advice.h for the formula
 * and its sources). Each add_* function below produces one topic.
 */
#include "advisor/advice.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define ALPHA 0.05
#define POWER 0.80
/* Share of the horizon one batch may take: >= 100 updates per run. */
#define MAX_BATCH_SHARE 0.01
/* Burn-in: at least this many exposures and expected rewards per arm. */
#define BURN_IN_MIN_EXPOSURES 100.0
#define BURN_IN_MIN_REWARDS 10.0

/* ---- statistics ---- */

double adv_normal_quantile(double prob)
{
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                               -2.759285104469687e+02, 1.383577518672690e+02,
                               -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                               -1.556989798598866e+02, 6.680131188771972e+01,
                               -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                               -2.400758277161838e+00, -2.549732539343734e+00,
                               4.374664141464968e+00, 2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                               2.445134137142996e+00, 3.754408661907416e+00};
    const double lo = 0.02425, hi = 1 - lo;
    double x, q, r;
    if (!(prob > 0 && prob < 1))
        return prob <= 0 ? -INFINITY : INFINITY;
    if (prob < lo) {
        q = sqrt(-2 * log(prob));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (prob <= hi) {
        q = prob - 0.5;
        r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
        q = sqrt(-2 * log(1 - prob));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    /* One Halley step on the exact CDF. */
    double e = 0.5 * erfc(-x / sqrt(2)) - prob;
    double u = e * 2.50662827463100050242 /* sqrt(2 pi) */ * exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

double adv_sample_size_two_proportions(double p1, double p2, double alpha, double power)
{
    if (!(p1 >= 0 && p1 <= 1 && p2 >= 0 && p2 <= 1) || p1 == p2 || !(alpha > 0 && alpha < 1) ||
        !(power > 0 && power < 1))
        return INFINITY;
    double za = adv_normal_quantile(1 - alpha / 2), zb = adv_normal_quantile(power);
    double pbar = (p1 + p2) / 2;
    double num = za * sqrt(2 * pbar * (1 - pbar)) + zb * sqrt(p1 * (1 - p1) + p2 * (1 - p2));
    return ceil(num * num / ((p2 - p1) * (p2 - p1)));
}

static double arms_of(const struct adv_profile *p)
{
    return fmax(1, adv_profile_number(p, "arms", 10));
}

static double rate_of(const struct adv_profile *p)
{
    return adv_profile_number(p, "base_rate", 0.02);
}

static double lift_of(const struct adv_profile *p)
{
    return adv_profile_number(p, "expected_lift", 0.1);
}

/* Per-arm size to tell base rate from base x (1 + lift), Bonferroni over K-1. */
static double n_for_lift(double base, double lift, double arms)
{
    double alpha = arms > 2 ? ALPHA / (arms - 1) : ALPHA;
    return adv_sample_size_two_proportions(base, fmin(1, base * (1 + lift)), alpha, POWER);
}

double adv_sample_size_for_profile(const struct adv_profile *p)
{
    return n_for_lift(rate_of(p), lift_of(p), arms_of(p));
}

/* ---- formatting ---- */

/* A count with thousands separators ("1,400,000"); "unbounded" if infinite. */
static const char *count(char *buf, size_t size, double v)
{
    if (!isfinite(v) || v >= 1e18) {
        snprintf(buf, size, "unbounded");
        return buf;
    }
    char digits[32];
    snprintf(digits, sizeof(digits), "%.0f", ceil(v));
    size_t len = strlen(digits), j = 0;
    for (size_t i = 0; i < len && j + 2 < size; i++) {
        if (i && (len - i) % 3 == 0)
            buf[j++] = ',';
        buf[j++] = digits[i];
    }
    buf[j] = '\0';
    return buf;
}

/* A relative change as a percentage without exponent: "12.5", "1270". */
static const char *percent(char *buf, size_t size, double share)
{
    double v = 100 * share;
    snprintf(buf, size, v >= 100 ? "%.0f" : "%.3g", v);
    return buf;
}

/* A duration given in days, as "3.2 days", "5.0 hours", "12 minutes". */
static const char *duration(char *buf, size_t size, double days)
{
    if (!isfinite(days))
        snprintf(buf, size, "forever");
    else if (days >= 365 * 3)
        snprintf(buf, size, "%.0f years", days / 365);
    else if (days >= 1)
        snprintf(buf, size, "%.1f days", days);
    else if (days * 24 >= 1)
        snprintf(buf, size, "%.1f hours", days * 24);
    else
        snprintf(buf, size, "%.0f minutes", ceil(days * 24 * 60));
    return buf;
}

static struct adv_advice *add(struct adv_advice_list *l, const char *topic, double value,
                              const char *unit, const char *basis, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static struct adv_advice *add(struct adv_advice_list *l, const char *topic, double value,
                              const char *unit, const char *basis, const char *fmt, ...)
{
    l->items = xrealloc(l->items, (l->count + 1) * sizeof(*l->items));
    struct adv_advice *a = &l->items[l->count++];
    va_list ap;
    va_start(ap, fmt);
    char tmp[2048];
    vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    a->topic = topic;
    a->text = xstrdup(tmp);
    a->basis = basis ? xstrdup(basis) : NULL;
    a->value = value;
    a->unit = unit;
    return a;
}

static const char *const SAMPLE_BASIS =
    "two-sided two-proportion z-test, n = (z_{1-a/2} sqrt(2 pbar(1-pbar)) + z_{1-b} "
    "sqrt(p1(1-p1) + p2(1-p2)))^2 / (p2-p1)^2 per arm, a = 0.05 Bonferroni-corrected over "
    "K-1 comparisons, power 0.8 (Fleiss, Levin & Paik 2003, Statistical Methods for Rates and "
    "Proportions, ch. 4)";

/* ---- topics ---- */

/* The smallest relative lift the horizon can detect arm by arm, by bisection. */
static double detectable_lift(double base, double arms, double horizon)
{
    double lo = 0, hi = 1 / fmax(base, 1e-12) - 1;
    if (hi <= 0 || arms * n_for_lift(base, hi, arms) > horizon)
        return INFINITY;
    for (int i = 0; i < 100; i++) {
        double mid = (lo + hi) / 2;
        if (arms * n_for_lift(base, mid, arms) > horizon)
            lo = mid;
        else
            hi = mid;
    }
    return hi;
}

static void add_traffic(const struct adv_profile *p, struct adv_advice_list *l)
{
    double k = arms_of(p), base = rate_of(p), lift = lift_of(p);
    double per_day = adv_profile_number(p, "traffic_per_day", 100000);
    double horizon = adv_profile_number(p, "horizon", 100000);
    double n = adv_sample_size_for_profile(p), total = n * k, days = total / per_day;
    char b1[40], b2[40], b3[40], b4[40], b5[40];
    if (!isfinite(n)) {
        add(l, "traffic", INFINITY, "days", SAMPLE_BASIS,
            "With a base rate of %.4g and an expected lift of %.4g no test can tell the arms "
            "apart: give a non-zero base rate and lift to size the experiment.",
            base, lift);
        return;
    }
    add(l, "traffic", days, "days", SAMPLE_BASIS,
        "Telling a %.4g%% rate from %.4g%% (a %.4g%% lift) takes about %s decisions per arm; "
        "with %s arms that is %s decisions, %s at %s decisions a day. An adaptive policy "
        "spends less on clear losers, but the arms closest to the best still need about this "
        "much.",
        100 * base, 100 * fmin(1, base * (1 + lift)), 100 * lift, count(b1, sizeof(b1), n),
        count(b2, sizeof(b2), k), count(b3, sizeof(b3), total),
        duration(b4, sizeof(b4), days), count(b5, sizeof(b5), per_day));
    if (total > horizon) {
        double dl = detectable_lift(base, k, horizon);
        if (isfinite(dl))
            add(l, "traffic", dl, "relative lift", SAMPLE_BASIS,
                "That is more than the horizon of %s decisions: arms cannot all be told apart "
                "one by one. Reduce the arms, share strength between them through features, "
                "or accept detecting only lifts of %s%% or more at this horizon.",
                count(b5, sizeof(b5), horizon), percent(b1, sizeof(b1), dl));
        else
            add(l, "traffic", INFINITY, "relative lift", SAMPLE_BASIS,
                "That is more than the horizon of %s decisions, and no lift is detectable arm "
                "by arm with %s arms: share strength between arms through features or "
                "embeddings, or pool arms into fewer groups.",
                count(b5, sizeof(b5), horizon), count(b1, sizeof(b1), k));
    }
    if (adv_profile_is(p, "reward_value", "heavy_tailed"))
        add(l, "traffic", NAN, NULL, NULL,
            "Revenue per decision has a much larger variance than a conversion: read these "
            "figures as a lower bound, winsorise order values (say at the 99th percentile), or "
            "learn conversion and order value separately.");
    else if (adv_profile_is(p, "reward_value", "bounded_real"))
        add(l, "traffic", NAN, NULL, NULL,
            "For rewards in [0, 1] with mean p the variance is at most p(1-p), so the Bernoulli "
            "figures above are conservative.");
}

static void add_value(const struct adv_profile *p, struct adv_advice_list *l)
{
    double base = rate_of(p), lift = lift_of(p);
    double per_day = adv_profile_number(p, "traffic_per_day", 100000);
    double horizon = adv_profile_number(p, "horizon", 100000);
    double extra = per_day * base * lift;
    char b1[40], b2[40], b3[40], b4[40], b5[40];
    add(l, "value", extra, "rewards/day", "traffic_per_day x base_rate x expected_lift",
        "At %s decisions a day and a base rate of %.4g%%, the best arm's %.4g%% lift is worth "
        "about %s extra rewards (clicks, conversions) a day once it is found, %s over the "
        "horizon of %s decisions (%s).",
        count(b1, sizeof(b1), per_day), 100 * base, 100 * lift, count(b2, sizeof(b2), extra),
        count(b3, sizeof(b3), extra * horizon / per_day), count(b4, sizeof(b4), horizon),
        duration(b5, sizeof(b5), horizon / per_day));
}

static void add_burn_in(const struct adv_profile *p, struct adv_advice_list *l)
{
    double k = arms_of(p), base = rate_of(p);
    double per_day = adv_profile_number(p, "traffic_per_day", 100000);
    double per_arm = fmax(BURN_IN_MIN_EXPOSURES, ceil(BURN_IN_MIN_REWARDS / fmax(base, 1e-9)));
    char b1[40], b2[40], b3[40];
    double horizon = adv_profile_number(p, "horizon", 100000);
    if (per_arm * k > horizon) {
        add(l, "burn_in", per_arm * k, "decisions",
            "at least 100 exposures per arm (the floor Amplitude Experiment enforces before "
            "reallocating) and about 10 expected rewards per arm",
            "Burn-in: about %s decisions per arm would take %s decisions, more than the "
            "horizon: do not wait for every arm; start from a model over item features "
            "(or a prior from similar items) and let the policy explore from there.",
            count(b1, sizeof(b1), per_arm), count(b2, sizeof(b2), per_arm * k));
        return;
    }
    add(l, "burn_in", per_arm * k, "decisions",
        "at least 100 exposures per arm (the floor Amplitude Experiment enforces before "
        "reallocating) and about 10 expected rewards per arm",
        "Burn-in: give every arm about %s decisions (%s in all, %s of traffic) before trusting "
        "the allocation or reading results; until then keep the prior wide or serve uniformly.",
        count(b1, sizeof(b1), per_arm), count(b2, sizeof(b2), per_arm * k),
        duration(b3, sizeof(b3), per_arm * k / per_day));
}

static double updates_per_day(const char *cadence, double per_day)
{
    if (!strcmp(cadence, "realtime"))
        return per_day;
    if (!strcmp(cadence, "minutes"))
        return 24 * 12;
    if (!strcmp(cadence, "hourly"))
        return 24;
    if (!strcmp(cadence, "daily"))
        return 1;
    return NAN;
}

static void add_cadence(const struct adv_profile *p, struct adv_advice_list *l)
{
    const char *cad = adv_profile_choice(p, "update_cadence");
    double per_day = adv_profile_number(p, "traffic_per_day", 100000);
    double horizon = adv_profile_number(p, "horizon", 100000), k = arms_of(p);
    double max_batch = fmax(1, horizon * MAX_BATCH_SHARE);
    double upd = cad ? updates_per_day(cad, per_day) : NAN;
    char b1[40], b2[40];
    const char *basis = "batched updates act like delayed feedback; randomised policies such "
                        "as Thompson sampling degrade gracefully, deterministic index "
                        "policies repeat one arm per batch (Chapelle & Li 2011, NeurIPS)";
    if (!isfinite(upd)) {
        add(l, "cadence", max_batch, "decisions per update", basis,
            "Update the model at least every %s decisions (%s at this traffic), so it adapts "
            "at least 100 times over the horizon; with slower updates prefer a randomised "
            "policy (Thompson sampling) over UCB-style indices.",
            count(b1, sizeof(b1), max_batch), duration(b2, sizeof(b2), max_batch / per_day));
        return;
    }
    double batch = fmax(1, per_day / upd);
    if (batch <= 1) {
        add(l, "cadence", 1, "decisions per update", basis,
            "Updating after every event is ideal: any policy applies, and results arrive as "
            "fast as the traffic allows.");
        return;
    }
    add(l, "cadence", batch, "decisions per update", basis,
        "Each update sees about %s decisions. Between updates a deterministic index policy "
        "(UCB, KL-UCB) sends all of them to the same arm; %s",
        count(b1, sizeof(b1), batch),
        batch > max_batch
            ? "that is more than 1% of the horizon, so update more often if you can, and use a "
              "randomised policy (Thompson sampling) that keeps spreading traffic."
        : batch >= 10 ? "prefer a randomised policy (Thompson sampling), which keeps spreading "
                        "traffic between updates."
                      : "batches this small cost little.");
    (void)k;
    (void)b2;
}

static void add_attribution(const struct adv_profile *p, struct adv_advice_list *l)
{
    const char *delay = adv_profile_choice(p, "reward_delay");
    const struct adv_answer *dh = adv_profile_get(p, "delay_hours");
    double per_day = adv_profile_number(p, "traffic_per_day", 100000);
    char b1[40], b2[40];
    if (!delay)
        return;
    if (!strcmp(delay, "bounded")) {
        double m = dh ? dh->value : 0;
        if (!dh || dh->not_sure || m <= 0) {
            add(l, "attribution", NAN, "hours", NULL,
                "Rewards arrive within a window: measure the median delay from decision time "
                "to reward time in the logs, then set the attribution window to about 4.3 "
                "times that median (95%% of rewards if delays are exponential).");
            return;
        }
        double window = m * log2(20);
        add(l, "attribution", window, "hours",
            "exponential delay with median m keeps a share 2^(-w/m) outstanding after w "
            "hours, so w = m log2(20) catches 95% (the delay model of Chapelle 2014, KDD, "
            "Modeling delayed feedback in display advertising)",
            "Attribution window: about %.0f hours (median delay %.4g hours). At any time "
            "the rewards of about %s decisions are in flight; count a decision as a "
            "non-conversion only after its window closes, and update on matured decisions or "
            "use a delay-aware or randomised policy.",
            ceil(window), m, count(b1, sizeof(b1), m / 24 * per_day));
    } else if (!strcmp(delay, "indefinite")) {
        add(l, "attribution", NAN, NULL,
            "Chapelle 2014 (KDD), Modeling delayed feedback in display advertising; Vernade, "
            "Cappe & Perchet 2017 (UAI), Stochastic bandit models for delayed conversions",
            "Some rewards never arrive, so 'not yet' and 'never' look the same: fit a "
            "conversion-delay model (probability of converting x delay distribution), or use "
            "a censored-feedback bandit with a fixed window, and report conversions by cohort "
            "of decision day.");
    } else if (!strcmp(delay, TAX_NOT_SURE)) {
        add(l, "attribution", NAN, NULL, NULL,
            "You are not sure when rewards arrive: log the decision time and the reward time "
            "so the delay can be measured; most e-commerce purchases arrive within %s of a "
            "click, but e-mail and retargeting conversions can take days.",
            duration(b2, sizeof(b2), 1.0 / 24));
    }
}

/* Holdout share h with h(1-h) = n / (2T): a holdout of hT decisions against
 * (1-h)T treated ones has the power of two equal groups of n. */
static void add_holdout(const struct adv_profile *p, struct adv_advice_list *l)
{
    double base = rate_of(p), lift = lift_of(p);
    double horizon = adv_profile_number(p, "horizon", 100000);
    double n = adv_sample_size_two_proportions(base, fmin(1, base * (1 + lift)), ALPHA, POWER);
    const char *basis = "unequal allocation: a group of hT against (1-h)T has the power of two "
                        "groups of n when h(1-h) = n/(2T); n from the two-proportion formula "
                        "(Fleiss, Levin & Paik 2003)";
    char b1[40], b2[40];
    double r = 2 * n / horizon;
    if (!isfinite(n) || r > 0.5) {
        add(l, "holdout", NAN, NULL, basis,
            "Keep a random holdout on the current system (assigned by a sticky hash of the "
            "user id) to measure the lift, but note that %s decisions cannot show a %.4g%% "
            "lift even with a 50/50 split (each group needs about %s): run longer or expect "
            "to measure only larger effects.",
            count(b1, sizeof(b1), horizon), 100 * lift, count(b2, sizeof(b2), n));
        return;
    }
    double h = (1 - sqrt(1 - 2 * r)) / 2;
    h = fmin(0.5, fmax(0.01, ceil(h * 100) / 100));
    add(l, "holdout", h, "share of traffic", basis,
        "Keep %.0f%% of traffic as a holdout on the current system for the whole run, assigned "
        "by a sticky hash of the user id: the smallest holdout that can show a %.4g%% lift "
        "over %s decisions. Platforms such as Statsig recommend wrapping a bandit in such a "
        "holdout, since the bandit's own estimates are biased by its allocation.",
        100 * h, 100 * lift, count(b1, sizeof(b1), horizon));
}

static void add_entry(const struct adv_profile *p, struct adv_advice_list *l)
{
    const struct adv_answer *arms = adv_profile_get(p, "arms");
    if (arms && !arms->not_sure && arms->value < 2)
        add(l, "objective", 1, "arms", NULL,
            "With one arm there is nothing to learn: a bandit chooses between arms, and this "
            "profile has one. Serve it, or add the alternatives worth testing (at least a "
            "second arm) before choosing an algorithm; the ranking assumes there is a choice.");
    if (adv_profile_is(p, "feedback_model", "full_information"))
        add(l, "objective", NAN, NULL, "Liu & Li 2021, A Map of Bandits for E-commerce, sec. 2",
            "You see the outcome of every action: this is supervised learning, not a bandit. "
            "Train a classifier or regressor on the full feedback; no exploration is needed.");
    else if (adv_profile_is(p, "feedback_model", "long_term_state"))
        add(l, "objective", NAN, NULL, "Liu & Li 2021, A Map of Bandits for E-commerce, sec. 2",
            "Your actions change future states: long-term value needs reinforcement learning. "
            "A contextual bandit on the immediate reward is still a sound baseline and a "
            "first step.");
}

static void add_dynamics(const struct adv_profile *p, struct adv_advice_list *l)
{
    const char *dyn = adv_profile_choice(p, "dynamics");
    double k = arms_of(p), n = adv_sample_size_for_profile(p);
    double per_day = adv_profile_number(p, "traffic_per_day", 100000);
    double horizon = adv_profile_number(p, "horizon", 100000);
    double memory = k * n;
    char b1[40], b2[40], b3[40], b4[40];
    if (!dyn || !isfinite(n))
        return;
    if ((!strcmp(dyn, "slow_drift") || !strcmp(dyn, "abrupt_changes")) && memory > horizon) {
        add(l, "dynamics", memory, "decisions",
            "a window must hold K x n decisions to tell arms apart",
            "The best arm changes, but telling the arms apart one by one takes %s decisions "
            "(%s), more than the whole horizon: no window or change detector can track them "
            "arm by arm. Share strength between arms (a contextual model over item features, "
            "retrained on recent data), or pool arms into fewer groups.",
            count(b1, sizeof(b1), memory), duration(b2, sizeof(b2), memory / per_day));
    } else if (!strcmp(dyn, "slow_drift")) {
        double gamma = 1 - 1 / memory;
        add(l, "dynamics", gamma, "discount factor",
            "a discount gamma remembers about 1/(1-gamma) decisions; that memory must hold "
            "K x n decisions to tell arms apart",
            "Slow drift: forget old data with a discount or a window, but keep at least %s "
            "decisions of memory (%s), enough to tell arms apart: a discount factor of about "
            "1 - 1/%s per decision, or retrain on a rolling window of that length.",
            count(b1, sizeof(b1), memory), duration(b2, sizeof(b2), memory / per_day),
            count(b3, sizeof(b3), memory));
    } else if (!strcmp(dyn, "abrupt_changes")) {
        double changes = fmax(1, floor(horizon / per_day / 7));
        double tau = 2 * sqrt(horizon * log(horizon) / changes);
        add(l, "dynamics", fmax(tau, memory), "decisions",
            "sliding-window UCB window tau = 2 sqrt(T log T / Y) for Y change points "
            "(Garivier & Moulines 2011, ALT, On upper-confidence bound policies for switching "
            "bandit problems); a window must also hold K x n decisions to tell arms apart",
            "Abrupt changes: a window or a change detector restarts learning. With about one "
            "change a week over the horizon (%.0f changes), the window of Garivier & Moulines "
            "is about %s decisions; to tell these arms apart at this lift a window needs about "
            "%s decisions (%s). Use a window of at least %s decisions: changes closer together "
            "than that cannot be tracked arm by arm.",
            changes, count(b1, sizeof(b1), tau), count(b2, sizeof(b2), memory),
            duration(b3, sizeof(b3), memory / per_day), count(b4, sizeof(b4), fmax(tau, memory)));
    } else if (!strcmp(dyn, "seasonal")) {
        add(l, "dynamics", NAN, NULL, NULL,
            "Seasonal patterns: give the season (day of week, hour, holiday flag) to the model "
            "as context, or run one bandit per season; a window shorter than the cycle forgets "
            "what it will need next period.");
    } else if (!strcmp(dyn, TAX_NOT_SURE)) {
        add(l, "dynamics", NAN, NULL, NULL,
            "You are not sure whether the best action changes: compare each arm's rate week by "
            "week in past logs. A discounted or windowed variant costs little when nothing "
            "changes and saves the run when something does.");
    } else {
        add(l, "dynamics", NAN, NULL, NULL,
            "Stationary: the policy may converge, but monitor per-arm rates weekly; a "
            "stationary policy is slow to notice a change after it has converged.");
    }
}

static void add_reward(const struct adv_profile *p, struct adv_advice_list *l)
{
    if (adv_profile_is(p, "reward_objectives", "several_tradeoff"))
        add(l, "reward", NAN, NULL, NULL,
            "Several objectives: agree the weights before the run (a scalarised reward) or "
            "report the Pareto set; metrics that must only stay within limits are guardrails, "
            "better modelled as constraints.");
    else if (adv_profile_is(p, "reward_objectives", "one_with_constraints"))
        add(l, "reward", NAN, NULL, NULL,
            "One metric with limits on others: monitor each guardrail metric per arm with its "
            "own confidence interval and stop an arm that breaks a limit.");
    if (adv_profile_is(p, "reward_process", "adversarial"))
        add(l, "reward", NAN, NULL, NULL,
            "Adversarial rewards: keep some uniform exploration at all times, log the "
            "probability of every action served, and expect slower learning than a "
            "stochastic method would show on a stable problem.");
    if (adv_profile_is(p, "reward_relativity", "relative"))
        add(l, "reward", NAN, NULL, NULL,
            "Relative feedback: log each comparison (which options were shown together and "
            "which won), e.g. by interleaving two rankers in one result list.");
}

static void add_constraints(const struct adv_profile *p, struct adv_advice_list *l)
{
    const char *res = adv_profile_choice(p, "resource_constraint");
    if (res && (!strcmp(res, "budget") || !strcmp(res, "inventory"))) {
        double frac = adv_profile_number(p, "budget_fraction", 0.3);
        add(l, "constraints", frac, "share of decisions",
            "bandits with knapsacks (Badanidiyuru, Kleinberg & Slivkins 2018, JACM)",
            "The %s can pay for about %.0f%% of decisions at the costliest action: the target "
            "is the best mix of actions under the limit, not the best single action. Pace "
            "spending over the horizon (a constant spend rate) and track spend per arm.",
            strcmp(res, "budget") ? "inventory" : "budget", 100 * frac);
    }
    if (adv_profile_is(p, "safety", "baseline_guard"))
        add(l, "constraints", NAN, NULL,
            "conservative bandits (Wu, Shariff, Lattimore & Szepesvari 2016, ICML)",
            "Baseline guard: keep the current policy as the fallback and explore only with the "
            "reward earned above the guarantee; learning starts slowly, so plan a longer run.");
    if (adv_profile_is(p, "fairness", "exposure"))
        add(l, "constraints", NAN, NULL, NULL,
            "Exposure floors: reserve the minimum exposure per item or seller first and let the "
            "bandit allocate the rest; judge regret against the best policy that meets the "
            "floors.");
}

static void add_objective(const struct adv_profile *p, struct adv_advice_list *l)
{
    const char *obj = adv_profile_choice(p, "objective");
    const char *logs = adv_profile_choice(p, "logged_data");
    const char *expl = adv_profile_choice(p, "exploration");
    if (obj && !strcmp(obj, "identify_best"))
        add(l, "objective", NAN, NULL,
            "fixed-confidence and fixed-budget best-arm identification (Kaufmann, Cappe & "
            "Garivier 2016, JMLR)",
            "Identifying the best arm: fix in advance either the confidence (say 95%%) and let "
            "the stopping rule end the run, or the budget of decisions; do not stop a uniform "
            "A/B/N test early by peeking.");
    if (obj && (!strcmp(obj, "evaluate_offline") || !strcmp(obj, "learn_offline"))) {
        if (logs && !strcmp(logs, "none"))
            add(l, "objective", NAN, NULL, NULL,
                "No logs yet: offline evaluation needs them. Log every decision with the "
                "probability the serving policy gave the chosen action (e.g. epsilon-greedy "
                "with epsilon = 0.05), then evaluate candidates with IPS, SNIPS or DR.");
        else if (logs && !strcmp(logs, "without_propensities"))
            add(l, "objective", NAN, NULL, NULL,
                "Logs without propensities: unbiased IPS and DR are not available; use the "
                "direct method with care, estimate propensities from the logging rules, and "
                "start logging propensities now.");
        else
            add(l, "objective", NAN, NULL,
                "Dudik, Langford & Li 2011 (ICML), Doubly robust policy evaluation and learning",
                "With propensities: clip or self-normalise importance weights, report the "
                "effective sample size, and compare IPS, SNIPS and DR; a large gap between "
                "them means the logs do not cover the new policy well.");
    }
    if (expl && !strcmp(expl, "limited"))
        add(l, "exploration", NAN, NULL, NULL,
            "Exploration is limited: route a fixed slice of traffic to the bandit and keep the "
            "rest on the incumbent, and screen candidate policies offline on logs first.");
    else if (expl && !strcmp(expl, "forbidden"))
        add(l, "exploration", NAN, NULL, NULL,
            "No live exploration: evaluate and learn from logs only, and when you do go live "
            "start from the offline-learned policy with a small, logged exploration rate.");
}

void adv_advice_build(const struct adv_profile *p, const struct tax_algorithm *top,
                      struct adv_advice_list *out)
{
    memset(out, 0, sizeof(*out));
    add_entry(p, out);
    add_traffic(p, out);
    add_value(p, out);
    add_burn_in(p, out);
    add_cadence(p, out);
    add_attribution(p, out);
    add_holdout(p, out);
    add_dynamics(p, out);
    add_reward(p, out);
    add_constraints(p, out);
    add_objective(p, out);
    if (top && top->advice)
        add(out, "algorithm", NAN, NULL, NULL, "About %s: %s", top->name, top->advice);
}

void adv_advice_list_release(struct adv_advice_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].text);
        free(l->items[i].basis);
    }
    free(l->items);
    memset(l, 0, sizeof(*l));
}
