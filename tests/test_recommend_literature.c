/*
 * test_recommend_literature: the recommendations of the bundled taxonomy
 * (advisor/recommend.c on taxonomy/bandits.yaml) against the literature,
 * and the advisor's properties (tests/adv_props.h) on the bundled taxonomy.
 *
 * Each case is a problem described by a few answers (every other trait is
 * left not_sure, as a hurried user would) and the algorithms the cited
 * literature recommends for it. The case passes when the top pick is one of
 * them and at least `need` of the top three are (need defaults to 2, or 1
 * when the literature names a single method). Cases cite their source.
 * A case marked `pending` disagrees because of taxonomy data, not the
 * engine: it names the data fix and is reported without failing.
 *
 * BM_SCENARIO_VERBOSE=1 prints each case's top five with scores.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "advisor/recommend.h"
#include "tests/adv_fixture.h"
#include "tests/adv_props.h"

struct scenario {
    const char *title;
    const char *source;               /* where the expected answer comes from */
    const char *answers[24];          /* trait, answer pairs; NULL-terminated */
    const char *expected[8];          /* algorithm ids the literature recommends */
    int need;                         /* how many of the top 3 must be expected (0 = auto) */
    const char *pending;              /* a data fix the case waits for, or NULL: a pending
                                         case that disagrees is reported, not failed */
};

/* Answers shared by most online cases: a bandit that may explore. */
#define ONLINE "feedback_model", "bandit", "exploration", "allowed"
#define MAB ONLINE, "context", "none", "action_structure", "single"

static const struct scenario scenarios[] = {
    /* ---- stochastic multi-armed bandits ---- */
    {"binary CTR, 10 arms, stationary",
     "Chapelle & Li 2011 (NeurIPS), Fig. 1; Garivier & Cappe 2011 (COLT); Kaufmann, Cappe & "
     "Garivier 2012 (AISTATS)",
     {MAB, "reward_value", "binary", "dynamics", "stationary", "objective", "maximise", "arms",
      "10"},
     {"thompson_beta", "kl_ucb", "bayes_ucb"}, 0, NULL},
    {"binary CTR, 100 arms, stationary",
     "Chapelle & Li 2011 (NeurIPS), Fig. 1, K = 100 panels",
     {MAB, "reward_value", "binary", "dynamics", "stationary", "objective", "maximise", "arms",
      "100"},
     {"thompson_beta", "kl_ucb", "bayes_ucb"}, 0, NULL},
    {"bounded real reward (rating in [0,1]), stationary",
     "Audibert, Munos & Szepesvari 2009 (TCS), UCB-V; Garivier & Cappe 2011 (COLT), KL-UCB "
     "for bounded rewards; Agrawal & Goyal 2012 (COLT), TS for [0,1] rewards",
     {MAB, "reward_value", "bounded_real", "dynamics", "stationary", "objective", "maximise"},
     {"kl_ucb", "ucb_v", "thompson_gaussian", "thompson_beta", "moss", "bayes_ucb"}, 0, NULL},
    {"heavy-tailed revenue, stationary",
     "Bubeck, Cesa-Bianchi & Lugosi 2013 (IEEE Trans. IT), robust UCB for heavy tails",
     {MAB, "reward_value", "heavy_tailed", "dynamics", "stationary", "objective", "maximise"},
     {"robust_ucb"}, 1, NULL},
    {"minimax-optimal for many arms and a known horizon",
     "Audibert & Bubeck 2009 (COLT), MOSS; Lattimore & Szepesvari 2020, ch. 9",
     {MAB, "reward_value", "bounded_real", "dynamics", "stationary", "objective", "maximise",
      "arms", "500", "horizon", "1000000"},
     {"moss", "kl_ucb", "thompson_gaussian", "ucb_v", "thompson_beta", "bayes_ucb"}, 0, NULL},
    /* ---- non-stationary ---- */
    {"abrupt changes, binary",
     "Garivier & Moulines 2011 (ALT), SW-UCB and D-UCB; Liu, Lee & Shroff 2018 (AAAI), "
     "CUSUM-UCB; Cao et al. 2019 (AISTATS), M-UCB; Besson et al. 2022 (JMLR), GLR-klUCB",
     {MAB, "reward_value", "binary", "dynamics", "abrupt_changes", "objective", "maximise"},
     {"sw_ucb", "discounted_ucb", "discounted_ts", "cusum_ucb", "m_ucb", "glr_klucb"}, 0, NULL},
    {"slow drift, binary",
     "Raj & Kalyani 2017 (arXiv 1707.09727), discounted TS; Garivier & Moulines 2011 (ALT)",
     {MAB, "reward_value", "binary", "dynamics", "slow_drift", "objective", "maximise"},
     {"discounted_ts", "discounted_ucb", "sw_ucb", "glr_klucb"}, 0, NULL},
    /* ---- adversarial ---- */
    {"adversarial rewards",
     "Auer, Cesa-Bianchi, Freund & Schapire 2002 (SIAM J. Comput.), EXP3 and EXP3.P; "
     "Zimmert & Seldin 2021 (JMLR), Tsallis-INF",
     {MAB, "reward_value", "bounded_real", "reward_process", "adversarial", "objective",
      "maximise"},
     {"exp3", "exp3_p", "tsallis_inf", "exp3_s"}, 0, NULL},
    {"adversarial rewards with expert advice from user features",
     "Auer et al. 2002 (SIAM J. Comput.), EXP4; Beygelzimer et al. 2011 (AISTATS), EXP4.P",
     {ONLINE, "action_structure", "single", "reward_value", "bounded_real", "reward_process",
      "adversarial", "context", "user", "objective", "maximise"},
     {"exp4", "exp3", "exp3_p", "tsallis_inf", "online_cover", "squarecb"}, 1, NULL},
    /* ---- best-arm identification ---- */
    {"A/B/N replacement: identify the best of 4 variants",
     "Russo 2016 (COLT), top-two TS; Kalyanakrishnan et al. 2012 (ICML), LUCB; Garivier & "
     "Kaufmann 2016 (COLT), track-and-stop",
     {MAB, "reward_value", "binary", "dynamics", "stationary", "objective", "identify_best",
      "arms", "4"},
     {"top_two_ts", "lucb", "track_and_stop", "successive_elimination", "sequential_halving",
      "successive_rejects"}, 0, NULL},
    {"identify the best of 64 creatives",
     "Karnin, Koren & Somekh 2013 (ICML), sequential halving; Audibert, Bubeck & Munos 2010 "
     "(COLT), successive rejects",
     {MAB, "reward_value", "binary", "dynamics", "stationary", "objective", "identify_best",
      "arms", "64"},
     {"sequential_halving", "successive_rejects", "top_two_ts", "lucb", "track_and_stop",
      "successive_elimination"}, 0, NULL},
    /* ---- contextual ---- */
    {"linear contextual, user features",
     "Li, Chu, Langford & Schapire 2010 (WWW), LinUCB; Agrawal & Goyal 2013 (ICML), LinTS; "
     "Abbasi-Yadkori, Pal & Szepesvari 2011 (NeurIPS), OFUL",
     {ONLINE, "action_structure", "single", "reward_value", "bounded_real", "context", "user",
      "reward_model", "linear", "dynamics", "stationary", "objective", "maximise"},
     {"linucb_disjoint", "lin_ts", "oful", "linucb_hybrid"}, 0, NULL},
    {"logistic click model on user and item features",
     "Chapelle & Li 2011 (NeurIPS), sec. 4, logistic TS; Filippi et al. 2010 (NeurIPS), "
     "GLM-UCB; Li, Lu & Zhou 2017 (ICML)",
     {ONLINE, "action_structure", "single", "reward_value", "binary", "context", "both",
      "reward_model", "glm", "objective", "maximise"},
     {"logistic_ts", "glm_ucb", "lin_ts", "linucb_hybrid"}, 0, NULL},
    {"cold start: items churn daily, item features",
     "Li et al. 2010 (WWW), hybrid LinUCB for a changing article pool; Chapelle & Li 2011",
     {ONLINE, "action_structure", "single", "reward_value", "binary", "context", "item",
      "reward_model", "linear", "catalogue_churn", "fast", "objective", "maximise"},
     {"linucb_hybrid", "lin_ts", "logistic_ts", "cascade_lin_ts", "embedding_linear"}, 0, NULL},
    {"non-linear contextual with a regression oracle",
     "Foster & Rakhlin 2020 (ICML), SquareCB; Foster et al. 2018 (ICML), RegCB; Bietti, "
     "Agarwal & Langford 2021 (JMLR); Riquelme, Tucker & Snoek 2018 (ICLR)",
     {ONLINE, "action_structure", "single", "reward_value", "binary", "context", "both",
      "reward_model", "nonlinear", "objective", "maximise"},
     {"squarecb", "regcb", "online_cover", "bootstrapped_ts", "neural_ts", "neural_ucb",
      "epsilon_greedy_regressor"}, 0, NULL},
    {"huge catalogue with item embeddings",
     "Zhu, Foster, Langford & Mineiro 2022 (ICML), large action spaces; Riquelme et al. 2018 "
     "(ICLR), neural-linear",
     {ONLINE, "action_structure", "single", "reward_value", "binary", "context", "both",
      "arms", "200000", "objective", "maximise"},
     {"spanner_igw", "embedding_linear", "hierarchical_bandit", "squarecb", "kernel_ucb"}, 0, NULL},
    /* ---- slates and combinatorial ---- */
    {"ranked list with cascade clicks",
     "Kveton, Szepesvari, Wen & Ashkan 2015 (ICML), CascadeKL-UCB; Cheung et al. 2019 "
     "(AISTATS), TS-Cascade",
     {ONLINE, "context", "none", "action_structure", "slate", "reward_granularity",
      "per_component", "position_bias", "cascade", "reward_value", "binary", "objective",
      "maximise"},
     {"cascade_klucb", "cascade_ts", "cascade_ucb1"}, 0, NULL},
    {"ranked list with a position-based click model",
     "Lagree, Vernade & Cappe 2016 (NeurIPS), PBM-UCB; Komiyama, Honda & Takeda 2017 (ICML)",
     {ONLINE, "context", "none", "action_structure", "slate", "reward_granularity",
      "per_component", "position_bias", "position_based", "reward_value", "binary",
      "objective", "maximise"},
     {"pbm_ucb", "topk_position_ts"}, 1, NULL},
    {"combinatorial semi-bandit (per-part feedback)",
     "Chen, Wang & Yuan 2013 (ICML), CUCB; Kveton et al. 2015 (AISTATS), CombUCB1; Wang & "
     "Chen 2018 (ICML), CTS",
     {ONLINE, "context", "none", "action_structure", "combinatorial", "reward_granularity",
      "per_component", "reward_value", "binary", "objective", "maximise"},
     {"cucb", "comb_ucb1", "comb_ts"}, 0, NULL},
    {"page layout with whole-page reward",
     "Hill et al. 2017 (KDD), multivariate TS for page layouts",
     {ONLINE, "context", "none", "action_structure", "combinatorial", "reward_granularity",
      "whole_action", "reward_value", "binary", "objective", "maximise"},
     {"multivariate_ts", "slate_bandit"}, 1, NULL},
    /* ---- pricing ---- */
    {"dynamic pricing on a continuous price",
     "Kleinberg & Leighton 2003 (FOCS), discretised prices; Misra, Schwartz & Abernethy 2019 "
     "(Marketing Science); Ferreira, Simchi-Levi & Wang 2018 (OR)",
     {ONLINE, "context", "none", "action_structure", "continuous", "reward_value",
      "heavy_tailed", "objective", "maximise"},
     {"discretized_price_ts", "parametric_demand_ts", "zooming", "discretized_price_ucb",
      "cats"}, 0, NULL},
    /* ---- constraints ---- */
    {"coupons under a spending budget",
     "Badanidiyuru, Kleinberg & Slivkins 2018 (JACM), bandits with knapsacks; Agrawal & "
     "Devanur 2014 (EC), UCB-BwK",
     {MAB, "reward_value", "bounded_real", "resource_constraint", "budget", "objective",
      "maximise"},
     {"bwk_primal_dual", "ucb_bwk", "lin_cbwk", "ts_inventory"}, 0, NULL},
    {"limited inventory",
     "Ferreira, Simchi-Levi & Wang 2018 (OR), TS with inventory constraints; Badanidiyuru et "
     "al. 2018 (JACM)",
     {MAB, "reward_value", "binary", "resource_constraint", "inventory", "objective",
      "maximise"},
     {"ts_inventory", "bwk_primal_dual", "ucb_bwk"}, 0, NULL},
    {"never do much worse than the current system",
     "Wu, Shariff, Lattimore & Szepesvari 2016 (ICML), conservative UCB; Kazerouni et al. "
     "2017 (NeurIPS), CLUCB",
     {MAB, "reward_value", "binary", "safety", "baseline_guard", "objective", "maximise"},
     {"conservative_ucb", "clucb"}, 1, NULL},
    {"minimum exposure per seller",
     "Patil, Ghalme, Nair & Narahari 2020 (AAAI), achieving fairness in the stochastic MAB",
     {MAB, "reward_value", "binary", "fairness", "exposure", "objective", "maximise"},
     {"fair_exposure_bandit"}, 1, NULL},
    {"several objectives traded off",
     "Drugan & Nowe 2013 (IJCNN), Pareto UCB1 and scalarised UCB; Yahyaa & Manderick 2015 "
     "(ESANN), Pareto TS",
     {MAB, "reward_value", "bounded_real", "reward_objectives", "several_tradeoff",
      "objective", "maximise"},
     {"pareto_ucb1", "scalarized_ucb", "pareto_ts"}, 0, NULL},
    /* ---- relative feedback ---- */
    {"interleaved rankers: relative feedback",
     "Yue et al. 2012 (JCSS), Interleaved Filter; Zoghi et al. 2014 (ICML), RUCB; Wu & Liu "
     "2016 (NeurIPS), double TS",
     {MAB, "reward_value", "binary", "reward_relativity", "relative", "objective",
      "maximise"},
     {"double_ts", "rucb", "interleaved_filter"}, 0, NULL},
    /* ---- delays ---- */
    {"conversions arrive days later, some never",
     "Chapelle 2014 (KDD), delayed-feedback model; Vernade, Cappe & Perchet 2017 (UAI)",
     {MAB, "reward_value", "binary", "reward_delay", "indefinite", "objective", "maximise"},
     {"delayed_conversion_model", "batched_ts", "delayed_exp3_skipping"}, 0, NULL},
    {"bounded delay with hourly batched updates",
     "Chapelle & Li 2011 (NeurIPS), sec. 3 (TS robust to delay); Joulani, Gyorgy & "
     "Szepesvari 2013 (ICML)",
     {MAB, "reward_value", "binary", "reward_delay", "bounded", "update_cadence", "hourly",
      "dynamics", "stationary", "objective", "maximise"},
     {"batched_ts", "thompson_beta", "delayed_ucb", "delayed_conversion_model"}, 0, NULL},
    /* ---- offline ---- */
    {"evaluate a new policy from logs with propensities",
     "Dudik, Langford & Li 2011 (ICML), doubly robust; Swaminathan & Joachims 2015 "
     "(NeurIPS), SNIPS; Wang, Agarwal & Dudik 2017 (ICML), switch",
     {"feedback_model", "bandit", "action_structure", "single", "context", "user",
      "objective", "evaluate_offline", "exploration", "forbidden", "logged_data",
      "with_propensities"},
     {"doubly_robust", "snips", "ips", "switch_dr"}, 0, NULL},
    {"evaluate from logs without propensities",
     "Dudik, Langford & Li 2011 (ICML), the direct method needs no propensities; Li et al. "
     "2011 (WSDM), replay on randomised logs",
     {"feedback_model", "bandit", "action_structure", "single", "context", "user",
      "objective", "evaluate_offline", "exploration", "forbidden", "logged_data",
      "without_propensities"},
     {"direct_method", "replay"}, 1, NULL},
    {"learn a policy from logs with propensities",
     "Swaminathan & Joachims 2015 (JMLR), POEM/CRM; Athey & Wager 2021 (Econometrica); "
     "Joachims, Swaminathan & de Rijke 2018 (ICLR), BanditNet",
     {"feedback_model", "bandit", "action_structure", "single", "context", "user",
      "objective", "learn_offline", "exploration", "forbidden", "logged_data",
      "with_propensities"},
     {"poem_crm", "dr_policy_learning", "banditnet", "offset_tree"}, 0, NULL},
    {"evaluate a ranking policy offline",
     "Swaminathan et al. 2017 (NeurIPS), pseudoinverse estimator for slates; Kiyohara et "
     "al. 2022 (WSDM), cascade-DR",
     {"feedback_model", "bandit", "action_structure", "slate", "reward_granularity",
      "per_component", "objective", "evaluate_offline", "exploration", "forbidden",
      "logged_data", "with_propensities"},
     {"pseudoinverse_slate", "cascade_dr"}, 1, NULL},
    {"evaluate offline over a very large action set",
     "Saito & Joachims 2022 (ICML), marginalised IPS over action embeddings",
     {"feedback_model", "bandit", "action_structure", "single", "context", "both", "arms",
      "50000", "objective", "evaluate_offline", "exploration", "forbidden", "logged_data",
      "with_propensities"},
     {"mips", "doubly_robust", "switch_dr", "snips"}, 1, NULL},
    /* ---- the map's exits ---- */
    {"every outcome is observed",
     "Liu & Li 2021 (MARBLE @ KDD), sec. 2: full information is supervised learning",
     {"feedback_model", "full_information", "reward_value", "binary"},
     {"supervised_learning"}, 1, NULL},
    {"actions change future states",
     "Liu & Li 2021 (MARBLE @ KDD), sec. 2: reinforcement learning (Sutton & Barto 2018)",
     {"feedback_model", "long_term_state", "reward_value", "bounded_real"},
     {"reinforcement_learning"}, 1, NULL},
};

static bool in(const char *const *set, const char *id)
{
    for (size_t i = 0; i < 8 && set[i]; i++)
        if (!strcmp(set[i], id))
            return true;
    return false;
}

static size_t set_size(const char *const *set)
{
    size_t n = 0;
    while (n < 8 && set[n])
        n++;
    return n;
}

static struct adv_profile *build(const struct tax *t, const struct scenario *s)
{
    struct adv_profile *p = adv_profile_new(t);
    adv_profile_set_name(p, s->title, NULL);
    for (size_t i = 0; s->answers[i]; i += 2) {
        const struct tax_trait *tr = tax_find_trait(t, s->answers[i]);
        int rc = -1;
        if (tr && tr->kind == TAX_TRAIT_CHOICE)
            rc = adv_profile_set_choice(p, s->answers[i], s->answers[i + 1]);
        else if (tr)
            rc = adv_profile_set_number(p, s->answers[i], atof(s->answers[i + 1]));
        if (rc)
            fail_msg("scenario '%s': bad answer %s = %s", s->title, s->answers[i],
                     s->answers[i + 1]);
    }
    return p;
}

static void test_scenarios_match_the_literature(void **state)
{
    const struct tax *t = *state;
    const char *verbose = getenv("BM_SCENARIO_VERBOSE");
    size_t n = sizeof(scenarios) / sizeof(scenarios[0]), failed = 0, pending = 0;
    assert_true(n >= 25);
    for (size_t i = 0; i < n; i++) {
        const struct scenario *s = &scenarios[i];
        for (size_t k = 0; k < set_size(s->expected); k++)
            if (!tax_find_algorithm(t, s->expected[k]))
                fail_msg("scenario '%s' expects unknown algorithm '%s'", s->title,
                         s->expected[k]);
        struct adv_profile *p = build(t, s);
        struct adv_recommendation *r = adv_recommend(p);
        size_t need = s->need ? (size_t)s->need : (set_size(s->expected) >= 2 ? 2 : 1);
        size_t hits = 0;
        for (size_t k = 0; k < 3 && k < r->n_ranked; k++)
            hits += in(s->expected, r->ranked[k].alg->id);
        bool ok = r->n_ranked && in(s->expected, r->ranked[0].alg->id) && hits >= need;
        const char *tag = ok ? "ok  " : s->pending ? "PENDING" : "FAIL";
        if (!ok || verbose || s->pending) {
            print_message("%s scenario '%s' (%s):\n", tag, s->title, s->source);
            if (s->pending)
                print_message("    %s: %s\n",
                              ok ? "agrees now; drop the pending note" : "waits for", s->pending);
            for (size_t k = 0; k < 5 && k < r->n_ranked; k++)
                print_message("    %zu. %-26s %7.3f%s\n", k + 1, r->ranked[k].alg->id,
                              r->ranked[k].score,
                              in(s->expected, r->ranked[k].alg->id) ? "  *" : "");
        }
        failed += !ok && !s->pending;
        pending += !ok && s->pending;
        adv_recommendation_free(r);
        adv_profile_free(p);
    }
    if (pending)
        print_message("%zu of %zu scenarios wait for the data fixes printed above\n", pending, n);
    if (failed)
        fail_msg("%zu of %zu scenarios disagree with the literature", failed, n);
}

/* The properties of tests/adv_props.h on the bundled taxonomy, for every
 * scenario profile: determinism, exclusions, notes, not_sure direction. */
static void test_properties_hold_on_the_bundled_taxonomy(void **state)
{
    const struct tax *t = *state;
    for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
        struct adv_profile *p = build(t, &scenarios[i]);
        struct adv_recommendation *r = adv_recommend(p), *r2 = adv_recommend(p);
        assert_int_equal(r->n_ranked, r2->n_ranked);
        for (size_t k = 0; k < r->n_ranked; k++) {
            assert_ptr_equal(r->ranked[k].alg, r2->ranked[k].alg);
            assert_near(r->ranked[k].score, r2->ranked[k].score, 0);
            check_notes_refer_to_answers(p, &r->ranked[k]);
        }
        check_exclusions_hold(p, r);
        check_not_sure_direction(p);
        adv_recommendation_free(r);
        adv_recommendation_free(r2);
        adv_profile_free(p);
    }
}

static int setup(void **state)
{
    const char *dir = getenv("BM_SCENARIO_TAX");
    if (dir) {
        struct diag_list d;
        diag_list_init(&d);
        *state = adv_load_checked(tax_load_dir(dir, &d), &d);
    } else {
        *state = adv_bundled_tax();
    }
    return 0;
}

static int teardown(void **state)
{
    tax_free(*state);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scenarios_match_the_literature),
        cmocka_unit_test(test_properties_hold_on_the_bundled_taxonomy),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
