// The scrubber's e-mail scanner (sync/privacy/email.cpp): plain and obfuscated addresses, role mailboxes.
#include <gtest/gtest.h>

#include "kiosk/sync/scrubber.hpp"
#include "scrubber_support.hpp"

using kiosk::PiiKind;
using kiosk::test::found_text;
using kiosk::test::kinds_of;
using kiosk::test::scrub;

TEST(scrubber_email_test, obfuscated_addresses) {
  EXPECT_EQ(found_text("mail mij: piet punt bakker at ziggo punt nl", PiiKind::email),
            "piet punt bakker at ziggo punt nl");
  EXPECT_EQ(found_text("adres: piet [at] kpnmail [dot] nl graag", PiiKind::email), "piet [at] kpnmail [dot] nl");
  EXPECT_EQ(found_text("piet (at) kpnmail (dot) nl", PiiKind::email), "piet (at) kpnmail (dot) nl");
  EXPECT_EQ(found_text("stuur naar piet @ ziggo.nl aub", PiiKind::email), "piet @ ziggo.nl");
  EXPECT_EQ(found_text("piet apenstaartje gmail punt com", PiiKind::email), "piet apenstaartje gmail punt com");
  EXPECT_EQ(found_text("https://x.nl/form?mail=piet.bakker%40gmail.com", PiiKind::email), "piet.bakker%40gmail.com");
  EXPECT_EQ(found_text("ayse nokta kaya at gmail nokta com", PiiKind::email), "ayse nokta kaya at gmail nokta com");
  EXPECT_EQ(found_text("olek małpa wp kropka pl", PiiKind::email), "olek małpa wp kropka pl");
  EXPECT_EQ(found_text("пошта: olena.k равлик ukr крапка net", PiiKind::email), "olena.k равлик ukr крапка net");
  EXPECT_EQ(found_text("البريد: samir.h على hotmail نقطة com", PiiKind::email), "samir.h على hotmail نقطة com");
  EXPECT_EQ(found_text("ኢመይል: yonas.t ኣት gmail ዶት com", PiiKind::email), "yonas.t ኣት gmail ዶት com");
}

TEST(scrubber_email_test, role_mailboxes_and_plain_words_stay) {
  EXPECT_TRUE(kinds_of("Mail info@gemeente.nl of facturen@bouwbedrijf.nl").empty());
  EXPECT_TRUE(kinds_of("Ik ben at home, punt uit.").empty());
  EXPECT_TRUE(kinds_of("We meet at the library dot").empty());
}

// The dot and at words of a neighbouring language typed in Latin letters ("punkt" in a Ukrainian text).
TEST(scrubber_email_test, dot_words_of_neighbouring_languages) {
  EXPECT_EQ(found_text("пишіть: olena punkt koval at gmail punkt com", PiiKind::email),
            "olena punkt koval at gmail punkt com");
  EXPECT_EQ(found_text("napisz: jan kropka nowak at wp kropka pl", PiiKind::email), "jan kropka nowak at wp kropka pl");
}

// A full-width or small at sign (some phone and East Asian keyboards).
TEST(scrubber_email_test, full_width_at_sign) {
  EXPECT_EQ(found_text("mail jan＠ziggo.nl graag", PiiKind::email), "jan＠ziggo.nl");
  EXPECT_EQ(found_text("mail jan.de.vries﹫gmail.com graag", PiiKind::email), "jan.de.vries﹫gmail.com");
}

// Added after the fourth held-out measurement, with examples of its own.
TEST(scrubber_email_test, apostrophes_words_for_at_and_municipal_mailboxes) {
  EXPECT_EQ(found_text("mail me at s.o'brien@example.ie", PiiKind::email), "s.o'brien@example.ie");
  EXPECT_EQ(found_text("пишіть на petro.bondar собачка ukr.net", PiiKind::email), "petro.bondar собачка ukr.net");
  EXPECT_TRUE(kinds_of("Is het adres afval@gemeente.nl nog goed?").empty());
}

// The top-level domain said in Arabic or Cyrillic letters ends an obfuscated address (added after the eighth part
// was measured).
TEST(scrubber_email_test, top_level_domain_in_another_script) {
  EXPECT_EQ(found_text("بريدي sara.k آت gmail دوت كوم", PiiKind::email), "sara.k آت gmail دوت كوم");
  EXPECT_EQ(found_text("пишіть: olena.p собачка ukr крапка нет", PiiKind::email), "olena.p собачка ukr крапка нет");
  EXPECT_EQ(found_text("Dat is net zo. Tot dan.", PiiKind::email), "");
}

// A spoken local part whose first label has letters outside ASCII ("şükrü nokta yilmaz88 et gmail nokta com"; added
// after the ninth part was measured).
TEST(scrubber_email_test, a_spoken_label_with_letters_outside_ascii) {
  EXPECT_EQ(found_text("şükrü nokta yilmaz88 et gmail nokta com yazın", PiiKind::email),
            "şükrü nokta yilmaz88 et gmail nokta com");
}

// "point" for the spoken dot and more country domains (added after the tenth part was measured).
TEST(scrubber_email_test, point_and_country_domains) {
  EXPECT_EQ(found_text("reply to ada point obi at hotmail point com about it", PiiKind::email),
            "ada point obi at hotmail point com");
  EXPECT_EQ(found_text("my email is k dot walsh at eircom dot ie, thanks", PiiKind::email),
            "k dot walsh at eircom dot ie");
}

// A mail provider said in another script as a label ("ات هوتميل دوت كوم"), the address without its domain after a
// local part that is no everyday word ("sami.k على جيميل"), and the Tigrinya "ብ" for the "@" ([mail_provider]; added
// after the thirteenth part was measured).
TEST(scrubber_email_test, mail_providers_and_their_names_in_other_scripts) {
  EXPECT_EQ(found_text("ايميلي nour.a ات هوتميل دوت كوم", PiiKind::email), "nour.a ات هوتميل دوت كوم");
  EXPECT_EQ(found_text("ابعتوا لـ sami.k على جيميل بكرة", PiiKind::email), "sami.k على جيميل");
  EXPECT_EQ(found_text("ናብ yonas.t ብ gmail ዶት com ስደዱ", PiiKind::email), "yonas.t ብ gmail ዶት com");
  EXPECT_EQ(found_text("I was on hotmail for years", PiiKind::email), "");
  // the "@" in Spanish and French, as the Maghreb says it (added after the twenty-first part was measured)
  EXPECT_EQ(found_text("email: omar punto saidi arroba hotmail punto com graag", PiiKind::email),
            "omar punto saidi arroba hotmail punto com");
  EXPECT_EQ(found_text("ايميلي sara.b arobase gmail point com", PiiKind::email), "sara.b arobase gmail point com");
  // initials said one by one before the local part (added after the twenty-second part was measured)
  EXPECT_EQ(found_text("Mail me at j v d berg at hotmail dot com", PiiKind::email), "j v d berg at hotmail dot com");
  EXPECT_EQ(found_text("I am a berg at hotmail dot com", PiiKind::email), "berg at hotmail dot com");
}

// A spoken address whose domain goes on with a path is a link, not an address ("ብ facebook.com/…"; added after the
// thirteenth part was measured).
TEST(scrubber_email_test, a_domain_with_a_path_is_a_link) {
  EXPECT_EQ(found_text("ኣብ Meerssen ብ facebook.com/yonas.t.12 ርኸቡኒ", PiiKind::email), "");
}

// After the thirtieth part was measured: an app's name before a spaced "@" is no local part (the handle after it is
// found as a handle).
TEST(scrubber_email_test, an_app_before_a_spaced_at_is_no_local_part) {
  EXPECT_EQ(found_text("ben 16 yaşındayım, tiktokta @selinnn.nl hesabımdan", PiiKind::email), "");
  EXPECT_EQ(found_text("ben 16 yaşındayım, tiktokta @selinnn.nl hesabımdan", PiiKind::handle), "@selinnn.nl");
  EXPECT_EQ(found_text("hey, insta @jdn.vlogs.nl, i want to film", PiiKind::handle), "@jdn.vlogs.nl");
  EXPECT_EQ(found_text("mail jan.smit @ gmail.com please", PiiKind::email), "jan.smit @ gmail.com");
}

// After the thirty-seventh part was measured: an underscore said as a word inside the local part.
TEST(scrubber_email_test, addresses_of_the_thirty_seventh_part) {
  EXPECT_EQ(found_text("على ايميلي: rami underscore 88 at gmail dot com", PiiKind::email),
            "rami underscore 88 at gmail dot com");
  EXPECT_EQ(found_text("the file is report underscore final, send it at noon", PiiKind::email), "");
}
