// The scrubber's handle scanner (sync/privacy/handle.cpp): @handles and profile URLs.
#include <gtest/gtest.h>

#include "kiosk/sync/scrubber.hpp"
#include "scrubber_support.hpp"

using kiosk::PiiKind;
using kiosk::test::found_text;
using kiosk::test::kinds_of;
using kiosk::test::scrub;

TEST(scrubber_handle_test, handles_and_profiles) {
  EXPECT_EQ(found_text("volg @piet_bakker92 maar", PiiKind::handle), "@piet_bakker92");
  EXPECT_EQ(found_text("zie https://www.facebook.com/piet.bakker.9 daar", PiiKind::handle),
            "https://www.facebook.com/piet.bakker.9");
  EXPECT_EQ(found_text("instagram.com/ayse.k_ heeft fotos", PiiKind::handle), "instagram.com/ayse.k_");
  EXPECT_EQ(found_text("t.me/olena_kyiv", PiiKind::handle), "t.me/olena_kyiv");
  EXPECT_EQ(found_text("linkedin.com/in/jan-devries-123", PiiKind::handle), "linkedin.com/in/jan-devries-123");
}

TEST(scrubber_handle_test, official_accounts_and_groups_stay) {
  EXPECT_TRUE(kinds_of("Volg @gemeenteutrecht en facebook.com/groups/buurtlombok").empty());
}

// A user name after a social app's name and a colon, without "@" (added after the fourteenth part was measured); a
// plain word there stays.
TEST(scrubber_handle_test, a_user_name_after_an_app_and_a_colon) {
  EXPECT_EQ(found_text("ابن جيراني ينشر فيديوهات على snapchat: karim_2010 كل يوم", PiiKind::handle), "karim_2010");
  EXPECT_EQ(found_text("Insta: zoe.travels, TikTok: ben99", PiiKind::handle), "zoe.travels|ben99");
  EXPECT_TRUE(kinds_of("Instagram: yes, TikTok: no. Snapchat: 2 hours a day").empty());
}

// Messenger's link to a person (added after the nineteenth part was measured).
TEST(scrubber_handle_test, a_messenger_link) {
  EXPECT_EQ(found_text("Kontakt na messengerze m.me/ola.bartnik.nl lub mailem", PiiKind::handle),
            "m.me/ola.bartnik.nl");
}

// A user name next to an app's name without a colon, or right before it in brackets (added after the twenty-second
// part was measured); a plain word or an official account stays.
TEST(scrubber_handle_test, a_user_name_next_to_an_app_without_a_colon) {
  EXPECT_EQ(found_text("add me on snap mila.k_09 tonight", PiiKind::handle), "mila.k_09");
  EXPECT_EQ(found_text("contact: snorfiets_sven_ (tiktok)", PiiKind::handle), "snorfiets_sven_");
  EXPECT_EQ(found_text("ردوا علي بالسناب noor.q92 لأن", PiiKind::handle), "noor.q92");
  EXPECT_EQ(found_text("I saw it on instagram yesterday", PiiKind::handle), "");
  EXPECT_EQ(found_text("ردوا علي بالسناب شات noor.q92 لأن", PiiKind::handle), "noor.q92");
  EXPECT_EQ(found_text("op Facebook i.v.m. de verbouwing", PiiKind::handle), "");
  EXPECT_EQ(found_text("insta v2.0 is uit", PiiKind::handle), "");
}

// After the twenty-sixth part was measured: the user name further on in the sentence, a dotted name of the strong
// shape, the apps' case forms and the words for "nickname".
TEST(scrubber_handle_test, user_names_further_on_after_the_app) {
  EXPECT_EQ(found_text("Snapchat van de jongen die ons de hele tijd lastigvalt: lucas.x.2009 — dit is toch",
                       PiiKind::handle),
            "lucas.x.2009");
  EXPECT_EQ(found_text("мій нік у фейсбуці — tanyusha.harbuz, там група", PiiKind::handle), "tanyusha.harbuz");
  EXPECT_EQ(found_text("Kuzenim Kübra'nın snap adı kubraa.x34 , ona", PiiKind::handle), "kubraa.x34");
  EXPECT_EQ(found_text("- Hamid (insta hamid.cycles)", PiiKind::handle), "hamid.cycles");
  EXPECT_EQ(found_text("انستغرامي الشخصي yara_hamwi92 — أنا", PiiKind::handle), "yara_hamwi92");
  EXPECT_EQ(found_text("ኢንስታ: dani.haile.nl", PiiKind::handle), "dani.haile.nl");
  EXPECT_EQ(found_text("Snapchat werkt niet. Zie www.example.nl voor uitleg", PiiKind::handle), "");
  EXPECT_EQ(found_text("Snapchat werkt niet, zie www.example.nl voor uitleg", PiiKind::handle), "");
  EXPECT_EQ(found_text("op Facebook staat het, zie ook i.v.m. de verbouwing", PiiKind::handle), "");
}

// After the twenty-seventh part was measured: the app's name with a Turkish case ending or "my", Messenger, a comma
// after the app's name.
TEST(scrubber_handle_test, user_names_of_the_twenty_seventh_part) {
  EXPECT_EQ(found_text("onu Snapchat'te tehdit ediyor, hesabın adı kerem_olcek_x. Polise", PiiKind::handle),
            "kerem_olcek_x");
  EXPECT_EQ(found_text("okulun yanındaki dükkan. tiktokum selinnn_0707", PiiKind::handle), "selinnn_0707");
  EXPECT_EQ(found_text("niech pisze do niej na messenger: ilona.tomczyk.7", PiiKind::handle), "ilona.tomczyk.7");
  EXPECT_EQ(found_text("ويكتب له رسائل على سناب، حسابه daan.x07", PiiKind::handle), "daan.x07");
  EXPECT_EQ(found_text("Snapchat'te gördüm, çok güzel", PiiKind::handle), "");
}

// After the twenty-ninth part was measured: the app's name with a Turkish ending glued on, a user name before the app.
TEST(scrubber_handle_test, user_names_of_the_twenty_ninth_part) {
  EXPECT_EQ(found_text("instagramda beni bulabilirsiniz: ahmet.k_1985 — pasta", PiiKind::handle), "ahmet.k_1985");
  EXPECT_EQ(found_text("Sara_bahta ኣብ Instagram ስእሊ ኣውጺኣ", PiiKind::handle), "Sara_bahta");
  EXPECT_EQ(found_text("tiktokta gördüm, çok güzel", PiiKind::handle), "");
  EXPECT_EQ(found_text("Versie 2 staat op Facebook.", PiiKind::handle), "");
  EXPECT_EQ(found_text("zoe.k. Ik zag het op TikTok", PiiKind::handle), "");
}

// After the thirty-fourth part was measured: a user name with no app named, by its shape alone (an "_" between
// letters and digits at the end, or two dotted words of letters and then digits); not a file, a version, a hashtag, a
// web address or an e-mail.
TEST(scrubber_handle_test, a_user_name_by_its_shape_alone) {
  EXPECT_EQ(found_text("mijn gamertag is KevTheSkater_11 als iemand mee wil", PiiKind::handle), "KevTheSkater_11");
  EXPECT_EQ(found_text("proszę pisać na messengerze: pawel.nowicki.754", PiiKind::handle), "pawel.nowicki.754");
  EXPECT_EQ(found_text("انستغرامها noor_elhouda.97 بس ما بتعرف", PiiKind::handle), "noor_elhouda.97");
  EXPECT_EQ(found_text("ሸያጢኡ jurgen_bikes77 እዩ።", PiiKind::handle), "jurgen_bikes77");
  EXPECT_EQ(found_text("Zie foto_1.jpg en verslag_2024.pdf, Versie_2 en script_v2.", PiiKind::handle), "");
  EXPECT_EQ(found_text("#covid_19 en www.gemeente_x.nl en jan_de_vries@mail.nl", PiiKind::handle), "");
  EXPECT_EQ(found_text("Versie 1.2.3 staat op kasia.nl en in hoofdstuk 3.14.", PiiKind::handle), "");
  EXPECT_EQ(found_text("Het formulier heet AANVRAAG_2024 en MAX_AANTAL.", PiiKind::handle), "");
  // (the review of round 34: an office file, a code's variable, a Wi-Fi network, a version, a feast's tag, a council
  // document's number)
  EXPECT_EQ(found_text("Ik stuur aanvraag_formulier.txt en formularz_wniosku.odt mee.", PiiKind::handle), "");
  EXPECT_EQ(found_text("In de code staat max_value en user_id, het wifi heet NS_WiFi.", PiiKind::handle), "");
  EXPECT_EQ(found_text("Het script draait op python3.11 voor Koningsdag_2026.", PiiKind::handle), "");
  EXPECT_EQ(found_text("Zie Raadsvoorstel.2025.114 van de gemeente.", PiiKind::handle), "");
}

// After the thirtieth part was measured: the Polish slang for Facebook.
TEST(scrubber_handle_test, user_names_of_the_thirtieth_part) {
  EXPECT_EQ(found_text("Na fejsie pisze tomek_b82 że gmina daje kasę.", PiiKind::handle), "tomek_b82");
  EXPECT_EQ(found_text("Na fejsie piszą, że gmina daje kasę.", PiiKind::handle), "");
}

// The second reading of the twenty-ninth round: a glued ending only on an app's full name, and no hashtag, file or
// version before an app's name.
TEST(scrubber_handle_test, review_of_the_twenty_ninth_round_keeps_what_is_no_user_name) {
  EXPECT_TRUE(kinds_of("Ik snapte de regels voor covid19 niet.").empty());
  EXPECT_TRUE(kinds_of("Fadlan igu sheeg xogta covid19 ee Amsterdam.").empty());
  EXPECT_TRUE(kinds_of("De FBI waarschuwt: update naar iOS17 nu.").empty());
  EXPECT_TRUE(kinds_of("Versie_2 staat op Facebook.").empty());
  EXPECT_TRUE(kinds_of("Update_v2 nu op Instagram te zien.").empty());
  EXPECT_TRUE(kinds_of("Gebruik #covid_19 op Twitter.").empty());
  EXPECT_TRUE(kinds_of("Ik heb foto_1.jpg op Instagram gezet.").empty());
}

// After the thirty-first part was measured: a user name after a word for "account", and after an app's name with a
// Somali suffix after a hyphen.
TEST(scrubber_handle_test, user_names_of_the_thirty_first_part) {
  EXPECT_EQ(found_text("Konto nazywa się marek_kowal1977. Czy można?", PiiKind::handle), "marek_kowal1977");
  EXPECT_EQ(found_text("Instagram-ka gabadhayda waa hodan.x2011, fadlan", PiiKind::handle), "hodan.x2011");
  EXPECT_EQ(found_text("Mój konto: NL91ABNA0417164300, proszę", PiiKind::handle), "");
  EXPECT_EQ(found_text("Mijn profiel staat op versie_2 van de app.", PiiKind::handle), "");
  EXPECT_EQ(found_text("Mijn account bij de bibliotheek is verlopen, nummer 2024_77.", PiiKind::handle), "");
}

// The second reading of round 30: a user name ending in "_" and digits is no version unless a word for a version comes
// before it, and a glued ending does not stop the search before the app's name.
TEST(scrubber_handle_test, review_of_the_thirtieth_round_keeps_user_names) {
  EXPECT_EQ(found_text("ayse_1985 TikTok'ta beni engelledi.", PiiKind::handle), "ayse_1985");
  EXPECT_EQ(found_text("mehmet_1990 instagramdan yazdı: selam", PiiKind::handle), "mehmet_1990");
  EXPECT_EQ(found_text("Versie_2 staat op Facebook.", PiiKind::handle), "");
}

// After the thirty-sixth part was measured: an Arabic app name glued to "عال" ("on the").
TEST(scrubber_handle_test, user_names_of_the_thirty_sixth_part) {
  EXPECT_EQ(found_text("إذا حدا شافه يبعتلي عالسناب: lulu.bird.mama أو فيسبوك", PiiKind::handle), "lulu.bird.mama");
  EXPECT_EQ(found_text("تابعونا عالسناب: yes", PiiKind::handle), "");
}
