using System.Collections.Frozen;

namespace HipRehab.Core.Rules;

/// <summary>
/// Every rule the product applies, taken from docs/clinical-rules.md. This list is the single source
/// that decisions cite: a rule ID that is not here must never appear in an explanation (tests
/// check every ID the engine and the exercise library emit against it).
/// </summary>
public static class RuleCatalogue
{
    private const string Article = "Source article: Physical Therapy Exercises for Hip Pain";

    /// <summary>All rules, in the order of docs/clinical-rules.md, then the product's own defaults.</summary>
    public static IReadOnlyList<Rule> All { get; } =
    [
        // 1. Red flags
        new("RF1", "Fall or injury and cannot bear weight", "After a fall or injury you cannot put weight on the leg, or the leg looks shorter or turned out. Seek urgent care today.", Confidence.C, ["NHS Gloucestershire hip red flags", "NHS Highland MSK pathway"]),
        new("RF2", "Hot, red or swollen hip with fever", "The hip is hot, red or swollen and you have a fever or feel unwell. Seek urgent care today.", Confidence.C, ["NHS Gloucestershire", "Exeter Hip Unit GP guidance"]),
        new("RF3", "Bladder, bowel or saddle changes", "A new change in bladder or bowel control, numbness around the genitals or buttocks, or weakness or numbness in both legs. Seek urgent care today.", Confidence.C, ["Gardner et al., Eur Spine J 2011", "Finucane et al. (IFOMPT), JOSPT 2020"]),
        new("RF4", "Leg swelling, chest pain or breathlessness", "Swelling, warmth or tenderness in the calf or whole leg (especially within 12 weeks of surgery or after bed rest), or any chest pain or breathlessness. Seek urgent care today.", Confidence.S, ["Wells DVT criteria (secondary summaries)"]),
        new("RF5", "Sudden severe hip pain", "Sudden severe hip pain, or a sudden marked worsening of long-standing pain. Seek urgent care today.", Confidence.C, ["Exeter Hip Unit"]),
        new("RF6", "Under 18", "HipRehab is for adults. A child or teenager with hip pain or a limp needs to see a doctor.", Confidence.C, ["Queensland Children's Health limp guideline"]),
        new("RF7", "Cancer history with night pain or weight loss", "A history of cancer together with pain at night, constant pain that rest does not ease, or weight loss you cannot explain. See a clinician within days.", Confidence.C, ["NHS Gloucestershire", "GPonline hip red flags"]),
        new("RF8", "Groin pain with risk factors for bone damage", "Groin pain together with long-term or high-dose steroids, heavy alcohol use, sickle cell disease, lupus, chemotherapy or radiotherapy, an organ transplant, or an earlier hip fracture or dislocation. See a clinician within days.", Confidence.C, ["Lespasio et al., Perm J 2019"]),
        new("RF9", "Spreading weakness or numbness", "Leg weakness, numbness or tingling that is spreading or getting worse. See a clinician within days.", Confidence.C, ["NHS Gloucestershire", "GPonline"]),
        new("RF10", "Long morning stiffness", "Morning stiffness that lasts longer than 30 minutes, or several swollen joints. Planning goes ahead, and a review for inflammatory arthritis is suggested.", Confidence.S, ["NICE NG226 clinical OA criteria (secondary)"]),
        new("RF11", "Problems after a hip replacement", "After a hip replacement: new or worsening pain, a new limp, or redness or fluid from the wound means see a clinician within days; a clunk with sudden pain may be a dislocation and needs urgent care.", Confidence.S, ["NICE CKS summary"]),

        // 2. Precautions and contraindications
        new("THR-P", "Posterior hip replacement precautions", "After a posterior or posterolateral hip replacement: no bending the hip past 90 degrees, no crossing the leg past the middle of the body, no turning the leg inward, and no lying on your side without the surgeon's say-so.", Confidence.C, ["Orthobethesda THR HEP", "LHSC", "Eannucci et al., HSS J 2019"]),
        new("THR-A", "Anterior hip replacement precautions", "After an anterior hip replacement: no moving the leg back behind the body (stepping back, lying on the front, kneeling lunges), no turning the leg outward, and no crossing the legs.", Confidence.C, ["Duke anterior hip precautions"]),
        new("THR-L", "Lateral hip replacement precautions", "After a lateral or anterolateral hip replacement: the posterior precautions, plus no active lifting of the leg out to the side early on.", Confidence.S, ["Secondary summaries"]),
        new("THR-D", "Default precautions when the approach is not known", "When the surgical approach or the end date is not known, the posterior precautions apply for 6 weeks after the surgery date (counting that last day). Your surgeon's instructions always come first.", Confidence.U, ["Conservative engineering default (clinical-rules §2.1)", "Korfitsen et al., Acta Orthop 2023 (questions routine precautions)"]),
        new("THR-PF", "No forward lean in the piriformis stretch after a hip replacement", "After a hip replacement, whatever the approach and however long ago, the piriformis stretch stays at a version that does not lean forward: the leaning versions are never planned, never reached by stepping up, and never swapped in automatically. A therapist's own choice follows the same check.", Confidence.U, ["clinical-rules §4 piriformis ladder: gentle forward lean (not after THR)", "clinical-rules §2.2: the leaning seated piriformis stretch conflicts with THR-P, THR-A and THR-L"]),
        new("THR-S", "Precautions your surgeon set", "When your clinician records the precautions your surgeon gave you, the plan follows exactly those movements and that end date instead of the defaults.", Confidence.U, ["clinical-rules §2.1: the surgeon decides, the product records and enforces"]),
        new("CX1", "Cannot get down to the floor", "If you cannot get down to and up from the floor and have no firm bed, no exercises lying down; standing and sitting versions are used instead.", Confidence.U, ["Engineering default"]),
        new("CX2", "Cannot kneel", "If you cannot kneel, no kneeling exercises; a standing version is used instead.", Confidence.U, ["Engineering default"]),
        new("CX3", "Needs support to stand", "If you need support to stand or your balance is poor (or a Timed Up and Go of 12 seconds or more), standing exercises are done only with a chair or counter within reach, there is no unsupported standing on one leg, and balance advice is added.", Confidence.S, ["ACSM/AHA 2007 (via AAFP)", "CDC STEADI TUG"]),
        new("CX4", "Pain on the outside of the hip", "With pain on the outside of the hip, avoid positions that cross the leg past the middle of the body or press on the sore side; build load gently (holds, then bridges, then squats).", Confidence.C, ["LEAP trial protocol (Mellor et al. 2016)", "Physio-pedia"]),
        new("CX5", "Osteoporosis", "With osteoporosis, no repeated or quick forward bending or twisting under load; strength work at least 2 days a week.", Confidence.C, ["Too Fit To Fracture (Giangregorio 2014)", "Brooke-Wavell, BJSM 2022"]),
        new("CX6", "Pregnancy", "During pregnancy, no exercises lying on the back after the first trimester, and a clinician should clear the plan before you start.", Confidence.S, ["ACOG opinions (summaries)"]),
        new("CX7", "Equipment you have", "No exercise that needs equipment you do not have (band and anchor, chair, wall, step, strap, ankle weight, bed).", Confidence.U, ["Engineering default"]),

        // 3. Dosing
        new("D1", "Strength days", "Strength exercises 2 to 3 days a week, with at least 48 hours between sessions for the same muscles.", Confidence.C, ["Garber et al., ACSM Position Stand, MSSE 2011", "48 h via summaries"]),
        new("D2", "Reps and sets for beginners", "Beginners and older adults: light effort, 10 to 15 reps; novices 8 to 12 reps. One set can work; 2 to 3 sets build strength. Rest 1 to 3 minutes.", Confidence.S, ["Garber 2011 (summaries)", "Ratamess et al., ACSM 2009"]),
        new("D3", "Older adults", "Older adults: strength at least 2 days a week, flexibility at least 2 days a week, and balance work when at risk of falling.", Confidence.S, ["Nelson et al., ACSM/AHA 2007"]),
        new("D4", "Holding a stretch", "Hold a stretch for 30 seconds (30 to 60 for older adults), repeated to about 60 seconds in all. Daily is best. Stretch to a mild pull, never to pain.", Confidence.C, ["Garber 2011", "ACSM flexibility update 2021"]),
        new("D5", "Small load steps", "Add load in small steps (2 to 10 percent) once you can do 1 to 2 reps more than the target.", Confidence.C, ["ACSM progression models 2009"]),
        new("D6", "Exercise and education", "Exercise together with education is the core treatment for hip osteoarthritis.", Confidence.C, ["OARSI 2019 (Bannuru et al.)", "EULAR 2023"]),
        new("D7", "Starting dose", "A self-guided beginner starts with strength exercises at 1 to 2 sets of 8 to 10 reps at an effort of 3 to 4 out of 10, 3 days a week with a day off between, and stretches at 2 to 3 holds of 30 seconds every day.", Confidence.U, ["Synthesis of D1 to D4"]),
        new("D8", "The article's own instructions", "The bridge is held for a few seconds at the top; stretches are held for 30 seconds on each side; one-sided exercises are repeated on both sides.", Confidence.S, [Article]),

        // 4. Pain monitoring and progression
        new("PM1", "Pain during exercise", "Pain from 0 to 2 out of 10 during exercise is safe; above 2 up to 5 is acceptable; above 5 is too much.", Confidence.C, ["Ageberg et al. (NEMEX-TJR), BMC MSK 2010, citing Thomeé 1997"]),
        new("PM2", "Pain settles by the next morning", "Pain stirred up by exercise should settle back to your usual level by the next morning.", Confidence.C, ["Ageberg 2010", "Silbernagel et al., AJSM 2007"]),
        new("PM3", "Usual pain should not rise", "Your usual pain should not rise from week to week.", Confidence.C, ["Ageberg 2010 (not increase over time)"]),
        new("PM4", "Deciding after each session", "After each session, for each exercise: pain above 5 means stop it for today and step back once; pain that had not settled by the next morning means no step up, and a step back if it happens after 2 sessions in a row; pain 0 to 2, settled by the next morning, easy effort (4 out of 10 or less) and the full dose done in 2 sessions in a row means one step up; anything else means keep the same dose.", Confidence.U, ["Derived from PM1 to PM3 and the EMPoweR protocol"]),
        new("PM5", "One change at a time", "Step up one change at a time, in this order: reps (up to 15), sets (up to 3), hold time, band strength (tan, yellow, red, green, blue, black), then the next harder version at its starting dose.", Confidence.U, ["ACSM", "EMPoweR (one change at a time)", "Thera-Band colour order"]),
        new("PM6", "Stepping back", "Step back once (the reverse of PM5) when PM4 says so, or after 3 sessions in a row where the full dose was not done.", Confidence.C, ["EMPoweR protocol"]),
        new("PM7", "Target effort", "Aim for an effort of about 5 to 6 out of 10 after the first two weeks; never step up while pain lasts more than a day after exercise.", Confidence.S, ["My Hip Exercise program (University of Melbourne)"]),
        new("PM8", "When usual pain counts as rising", "Usual pain counts as rising when the average of the last 7 days of morning check-ins is at least 1 point higher than the average of the 7 days before. While it is rising, nothing steps up.", Confidence.U, ["Engineering default applying PM3"]),
        new("PM9", "Size of one step", "One step is 2 more reps (up to 15), 1 more set (up to 3), the exercise's own hold step, or the next band colour; a step back undoes one of these.", Confidence.U, ["Engineering default applying PM5 and D5"]),

        // 5. Outcome measures
        new("OM1", "Numeric Pain Rating Scale", "Pain from 0 to 10. A change of about 2 points or 30 percent is meaningful.", Confidence.C, ["Farrar et al., Pain 2001", "Abbott & Schmitt, JOSPT 2014"]),
        new("OM2", "Patient-Specific Functional Scale", "You name 3 to 5 activities that are hard and rate each 0 to 10; the score is the average. A change of 1.3 is small, 2.3 medium, 2.7 large.", Confidence.C, ["Abbott & Schmitt 2014"]),
        new("OM3", "Patient Global Impression of Change", "A 7-point scale from very much improved to very much worse; much or very much improved counts as a response.", Confidence.U, ["Engineering default"]),
        new("OM4", "Single Assessment Numeric Evaluation", "Your hip today as a percentage of normal, 0 to 100; used to follow a trend.", Confidence.U, ["Engineering default"]),
        new("OM5", "30-second chair stand", "Count full stands from a chair in 30 seconds, arms crossed; compared with age and sex norms. Fewer than 8 means low function.", Confidence.C, ["Rikli & Jones 1999"]),
        new("OM6", "Timed Up and Go", "Stand up, walk 3 metres, turn, walk back and sit; only with a helper. 12 seconds or more means a higher risk of falling.", Confidence.C, ["CDC STEADI"]),
        new("OM7", "40 m fast-paced walk", "Walk 4 times 10 metres as fast as is safe, with a helper; used to follow a trend.", Confidence.C, ["OARSI core set (Dobson et al. 2013)"]),

        // 6. Escalation
        new("E1", "Red flag at a check-in", "A red flag at any check-in pauses the plan and raises an alert that matches the finding.", Confidence.C, ["clinical-rules §1"]),
        new("E1R", "After a warning sign at a check-in", "A plan paused by a warning sign at a check-in goes on only when a clinician you share your records with has reviewed and cleared each see-clinician-soon sign (who, when, which sign and which check-in are recorded); then the plan resumes with every precaution still in place. Answering the intake again does not lift the pause. Meanwhile, contact your clinic or see your doctor. A sign that needs urgent care means getting care today; after that, you answer the intake again before the plan can go on.", Confidence.U, ["clinical-rules §1 (a linked clinician may clear a see-clinician-soon finding)", "Engineering default: a new intake does not lift the pause on its own"]),
        new("E2", "Pain is getting worse", "If the 7-day average of usual pain stays 2 or more points above where you started for 7 days, or pain has not settled by the next morning after 3 sessions in a row, please consult a physical therapist or doctor.", Confidence.U, ["Farrar 2001 (2-point change) applied to worsening"]),
        new("E3", "Pain persists", "After 12 weeks of doing at least half of the plan, if usual pain has improved by less than 2 points and less than 30 percent, a review with a clinician is suggested.", Confidence.C, ["NHS policies implementing NICE NG226", "CKS"]),
        new("E4", "Week 6 to 8 review", "Around weeks 6 to 8, look again at the dose and how often you exercise, and measure your outcomes again.", Confidence.C, ["Exercise meta-analyses: effect peaks around 8 weeks"]),
        new("E5", "A very high pain rating", "A single pain rating of 8 or more, at the intake, a morning check-in or in a session: stop exercising today (after a rating at the intake or a check-in, nothing is listed as due that day) and start again on the next day the pain is lower; if it is still 8 or more at the next check-in, see a clinician within days. A rating at the intake counts as the first rating for that.", Confidence.U, ["Engineering default", "clinical-rules §6"]),
        new("E6", "Low adherence", "If fewer than half of the planned sessions are done for 2 weeks, a gentle note goes to you and to your linked clinician.", Confidence.U, ["Engineering default"]),

        // 7. Lifestyle
        new("L1", "Weight", "With a BMI of 25 or more, support with weight is offered; losing more than 5 percent is a practical target.", Confidence.C, ["NICE QS87 statement 5", "eTG", "OARSI 2019"]),
        new("L2", "BMI never blocks help", "BMI is never used to refuse help or a referral.", Confidence.C, ["NICE NG226 (via local policy)"]),
        new("L3", "Rest and activity", "Rest at least 48 hours between strength sessions for the same muscles; stretching can be daily; aim for 150 minutes a week of moderate activity such as walking.", Confidence.C, ["Garber 2011"]),
        new("L4", "Pacing and walking aids", "Pacing your day and using a walking aid can help with daily tasks.", Confidence.C, ["EULAR 2013"]),

        // Product defaults (not in the clinical sources; shown so a clinician can review them)
        new("PL1", "Start with the easiest suitable version", "Each exercise starts at the easiest version that is safe for you, at the starting dose, and steps up from there as pain allows. A plan never starts above the version the source article describes; if every version up to it is unsafe for you, the exercise is left out.", Confidence.U, [Article, "D7"]),
        new("PL2", "A balanced plan", "A plan holds 6 to 10 exercises, mixing strengthening and stretching, and puts first the ones that serve the goals you picked.", Confidence.U, [Article, "D3", "D6"]),
        new("PL4", "Check with a clinician first", "Before you start any exercise program, check with a physical therapist or doctor that it suits you.", Confidence.S, [Article]),
        new("OS1", "When outcomes are measured", "The activities score (PSFS), the percentage of normal (SANE) and the chair stand are measured at the start, after 6 weeks, after 12 weeks, then every 12 weeks; the overall-change question (PGIC) from 6 weeks on, since at the start there is no change to rate. A result from up to 7 days before a due date counts for it. The Timed Up and Go and the 40 m walk are offered at the same times, only when a helper or clinician is present. Pain is rated with every session and morning check-in.", Confidence.U, ["clinical-rules §5 schedule [U]"]),
        new("PL5", "Tailored by your therapist", "A physical therapist you share your records with can change an exercise to another version of it, change its dose within that exercise's safe limits, pin it, or add an exercise. Your precautions and needs still apply, and every change is shown to you with the reason.", Confidence.S, [Article]),
        new("PL3", "Set by your therapist", "A dose your therapist has pinned is not changed by automatic progression.", Confidence.U, ["Engineering default"]),
    ];

    private static readonly FrozenDictionary<string, Rule> s_byId =
        All.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>True when the ID names a rule in the catalogue.</summary>
    public static bool Contains(string id) => s_byId.ContainsKey(id);

    /// <summary>The rule with this ID; throws for an unknown ID, which is a programming error.</summary>
    public static Rule Get(string id) => s_byId[id];
}
