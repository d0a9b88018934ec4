<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>ActiveCase</name>
    <message>
        <location filename="../app/security/ActiveCase.cpp" line="9"/>
        <source>case %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/ActiveCase.cpp" line="20"/>
        <source>criminal investigation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/ActiveCase.cpp" line="21"/>
        <source>hotlist hit verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/ActiveCase.cpp" line="22"/>
        <source>missing or endangered person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/ActiveCase.cpp" line="23"/>
        <source>department civil action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/ActiveCase.cpp" line="24"/>
        <source>records request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/ActiveCase.cpp" line="25"/>
        <source>audit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../ui/AuditPage.ui" line="18"/>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.ui" line="22"/>
        <source>&amp;Verify audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.ui" line="22"/>
        <source>Check every row&apos;s hash chain and the signed anchor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.ui" line="34"/>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.ui" line="43"/>
        <source>&amp;Event:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.ui" line="52"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.ui" line="67"/>
        <source>Access log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.ui" line="71"/>
        <source>&amp;Plate or pattern contains:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.ui" line="72"/>
        <source>e.g. 7ABC or 7AB?123</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.ui" line="73"/>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CameraNetwork</name>
    <message>
        <location filename="../app/ingest/CameraNetwork.cpp" line="78"/>
        <source>The demo street data has only %1 usable intersections for cameras.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <location filename="../ui/CaseDialog.ui" line="6"/>
        <source>Open a case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CaseDialog.ui" line="11"/>
        <source>ALPR data is accessed only for a case (policy 462.5(b)). The case number and purpose are recorded with every query and shown on every result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CaseDialog.ui" line="24"/>
        <source>Case &amp;number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CaseDialog.ui" line="52"/>
        <source>Purpose &amp;category:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CaseDialog.ui" line="54"/>
        <source>&amp;Purpose:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CaseDialog.ui" line="58"/>
        <source>e.g. burglary canvass, 1200 block of W Garvey Ave</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../ui/ChangePasswordDialog.ui" line="6"/>
        <source>Change password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChangePasswordDialog.ui" line="17"/>
        <source>&amp;New password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChangePasswordDialog.ui" line="19"/>
        <source>&amp;Repeat:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoScenario</name>
    <message>
        <location filename="../app/ingest/DemoScenario.cpp" line="45"/>
        <source>Stolen vehicle: silver Toyota Camry, taken from a driveway in Covina</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/DemoScenario.cpp" line="48"/>
        <source>Stolen plate: plates only, taken off a parked car in Baldwin Park</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/DemoScenario.cpp" line="51"/>
        <source>Felony warrant: registered owner wanted for assault with a deadly weapon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/DemoScenario.cpp" line="54"/>
        <source>AMBER Alert: child abduction, suspect vehicle a white Ford Explorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/DemoScenario.cpp" line="57"/>
        <source>Stolen vehicle: black Dodge Charger (Las Vegas Metro PD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/DemoScenario.cpp" line="60"/>
        <source>Stolen vehicle: white Ford Transit cargo van</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/DemoScenario.cpp" line="63"/>
        <source>Felony warrant: parole violation (Maricopa County)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/DemoScenario.cpp" line="66"/>
        <source>Stolen vehicle: red Honda Civic, keys taken in a burglary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../ui/LockScreen.ui" line="34"/>
        <source>This workstation is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.ui" line="62"/>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.ui" line="64"/>
        <source>&amp;One-time code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.ui" line="69"/>
        <source>6 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.ui" line="76"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.ui" line="89"/>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.ui" line="96"/>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../ui/LoginDialog.ui" line="6"/>
        <source>ALPR Workstation — sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LoginDialog.ui" line="11"/>
        <source>ALPR Workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LoginDialog.ui" line="17"/>
        <source>System-use notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LoginDialog.ui" line="29"/>
        <source>I have read this notice and accept these conditions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LoginDialog.ui" line="39"/>
        <source>&amp;Store:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LoginDialog.ui" line="42"/>
        <source>Path of the local store (.alpr)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LoginDialog.ui" line="43"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LoginDialog.ui" line="46"/>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LoginDialog.ui" line="48"/>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LoginDialog.ui" line="50"/>
        <source>&amp;One-time code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LoginDialog.ui" line="57"/>
        <source>6 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LoginDialog.ui" line="62"/>
        <source>From your authenticator app; leave empty if you are not enrolled in MFA.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MfaEnrolmentDialog</name>
    <message>
        <location filename="../ui/MfaEnrolmentDialog.ui" line="6"/>
        <source>Set up multi-factor authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MfaEnrolmentDialog.ui" line="29"/>
        <source>Cannot scan the code? Add the account by hand with this key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MfaEnrolmentDialog.ui" line="42"/>
        <source>Type: time-based (TOTP), 6 digits, every 30 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MfaEnrolmentDialog.ui" line="55"/>
        <source>&amp;Code from the app:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MfaEnrolmentDialog.ui" line="60"/>
        <source>6 digits</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PartialPlatePage</name>
    <message>
        <location filename="../ui/PartialPlatePage.ui" line="9"/>
        <source>What the witness saw, position by position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.ui" line="14"/>
        <source>&amp;Length known:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.ui" line="14"/>
        <source>Untick when the witness does not know how many characters the plate has</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.ui" line="24"/>
        <source>&amp;Unknown characters go:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.ui" line="32"/>
        <source>&amp;Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.ui" line="32"/>
        <source>Clear the boxes, the pattern and the results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.ui" line="50"/>
        <source>&amp;Pattern:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.ui" line="54"/>
        <source>e.g. 7?B*2 — or fill in the boxes above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.ui" line="58"/>
        <source>&amp;Find candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.ui" line="67"/>
        <source>Allow &amp;misreads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.ui" line="76"/>
        <source>Include OCR &amp;alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.ui" line="76"/>
        <source>Also find plates the camera offered only as a second or third reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.ui" line="85"/>
        <source>&amp;Scene:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.ui" line="85"/>
        <source>Rank candidates seen near the crime scene around its time first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.ui" line="89"/>
        <source>latitude,longitude e.g. 34.0473,-117.9657</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.ui" line="90"/>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.ui" line="92"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordPolicy</name>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="125"/>
        <source>it is WAY too short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="126"/>
        <source>it is too short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="127"/>
        <source>it does not contain enough DIFFERENT characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="128"/>
        <source>it is all whitespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="129"/>
        <source>it is too simplistic/systematic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="130"/>
        <source>it looks like a National Insurance number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="131"/>
        <source>it is based on your username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="132"/>
        <source>it is based on a dictionary word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="133"/>
        <source>it is based on a (reversed) dictionary word</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <location filename="../app/security/Permissions.cpp" line="87"/>
        <source>search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Permissions.cpp" line="89"/>
        <source>canvass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Permissions.cpp" line="91"/>
        <source>view images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Permissions.cpp" line="93"/>
        <source>export and share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Permissions.cpp" line="95"/>
        <source>review hits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Permissions.cpp" line="97"/>
        <source>record CLETS verifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Permissions.cpp" line="99"/>
        <source>correct misreads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Permissions.cpp" line="101"/>
        <source>review audits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Permissions.cpp" line="103"/>
        <source>manage users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Permissions.cpp" line="105"/>
        <source>set retention</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReadDetailsDialog</name>
    <message>
        <location filename="../ui/ReadDetailsDialog.ui" line="6"/>
        <source>Read details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.ui" line="26"/>
        <source>Time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.ui" line="28"/>
        <source>UTC:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.ui" line="30"/>
        <source>Plate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.ui" line="32"/>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.ui" line="34"/>
        <source>OCR confidence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.ui" line="36"/>
        <source>Camera / unit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.ui" line="38"/>
        <source>Location:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.ui" line="40"/>
        <source>Heading:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.ui" line="42"/>
        <source>Vehicle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.ui" line="44"/>
        <source>Source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.ui" line="46"/>
        <source>Read id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.ui" line="52"/>
        <source>What the OCR read, with its alternatives:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.ui" line="62"/>
        <source>Plate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.ui" line="63"/>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="25"/>
        <source>north</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="25"/>
        <source>north-east</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="26"/>
        <source>east</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="26"/>
        <source>south-east</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="27"/>
        <source>south</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="27"/>
        <source>south-west</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="28"/>
        <source>west</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="28"/>
        <source>north-west</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../ui/SearchPage.ui" line="13"/>
        <source>&amp;Plate or pattern:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="17"/>
        <source>e.g. 7PBT942, 7?B*2, 7[8B]T*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="23"/>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="36"/>
        <source>? one character · * any number of characters · [8B] one of · [A-F] a range · [!0O] none of · spaces and dashes are ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="41"/>
        <source>Allow &amp;misreads (8↔B, 0↔O, …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="42"/>
        <source>Include OCR &amp;alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="42"/>
        <source>Also find reads whose plate the camera offered as a second or third reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="43"/>
        <source>&amp;Hotlist hits only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="43"/>
        <source>Only plates that are on a hotlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="52"/>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="52"/>
        <source>Only reads at or after this time (workstation time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="62"/>
        <source>&amp;Until:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="62"/>
        <source>Only reads before this time (the time itself is not included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="72"/>
        <source>S&amp;tate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="74"/>
        <source>Ma&amp;ke:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="75"/>
        <location filename="../ui/SearchPage.ui" line="77"/>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="76"/>
        <source>C&amp;olour:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="88"/>
        <source>Cameras and units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="92"/>
        <source>Filter cameras…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="108"/>
        <source>All cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="108"/>
        <source>Untick every camera: search all of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="126"/>
        <source>&amp;Copy plates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="126"/>
        <source>Copy the plates of the selected rows (Ctrl+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="127"/>
        <source>&amp;Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.ui" line="127"/>
        <source>Save the loaded rows as a CSV file (needs the export permission; audited)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SqlCipherDriver</name>
    <message>
        <location filename="../app/store/SqlCipherDriver.cpp" line="379"/>
        <source>Connection &quot;%1&quot; is not an open SQLCipher database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherDriver.cpp" line="412"/>
        <source>Statement %1 (line %2) failed: %3
%4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SqlCipherResult</name>
    <message>
        <location filename="../app/store/SqlCipherResult.cpp" line="215"/>
        <location filename="../app/store/SqlCipherResult.cpp" line="227"/>
        <location filename="../app/store/SqlCipherResult.cpp" line="232"/>
        <location filename="../app/store/SqlCipherResult.cpp" line="246"/>
        <source>Unable to prepare the statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherResult.cpp" line="215"/>
        <location filename="../app/store/SqlCipherResult.cpp" line="311"/>
        <source>The database is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherResult.cpp" line="232"/>
        <source>The query contains no SQL statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherResult.cpp" line="247"/>
        <source>The query contains more than one SQL statement; run scripts with execScript()</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherResult.cpp" line="275"/>
        <source>Unable to bind the values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherResult.cpp" line="276"/>
        <source>The statement has %1 placeholders but %2 values were bound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherResult.cpp" line="289"/>
        <source>values of type %1 cannot be stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherResult.cpp" line="291"/>
        <source>the number is too large for a 64-bit integer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherResult.cpp" line="294"/>
        <source>Unable to bind value %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherResult.cpp" line="310"/>
        <location filename="../app/store/SqlCipherResult.cpp" line="371"/>
        <source>Unable to execute the statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherResult.cpp" line="311"/>
        <source>No statement is prepared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherResult.cpp" line="371"/>
        <source>Unable to fetch the next row</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserAdminDialog</name>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="6"/>
        <source>User administration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="29"/>
        <source>&amp;Add user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="30"/>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="31"/>
        <source>&amp;Reset password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="32"/>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="32"/>
        <source>Lift the lock after repeated failed sign-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="40"/>
        <source>&amp;Disable…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="40"/>
        <source>Disable the account and delete its key slot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="53"/>
        <source>New user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="59"/>
        <source>User &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="60"/>
        <source>sign-in name, e.g. jgarcia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="61"/>
        <source>&amp;Full name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="63"/>
        <source>R&amp;ole:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="65"/>
        <source>A&amp;gency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="67"/>
        <source>ALPR training:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="75"/>
        <source>&amp;Completed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="86"/>
        <source>Re&amp;fresher due:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="93"/>
        <source>CLETS:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="94"/>
        <source>Authorised for CLETS (policy 462.3(e))</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="95"/>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="97"/>
        <source>Re&amp;peat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="100"/>
        <source>The user must change this password at the next sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="117"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.ui" line="118"/>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr</name>
    <message>
        <location filename="../app/cli/CliContext.cpp" line="34"/>
        <source>No password given: set ALPR_PASSWORD, use --password-file, or run on a terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CliContext.cpp" line="54"/>
        <source>%1: cannot read the password file: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/AtomicFile.cpp" line="43"/>
        <location filename="../app/core/AtomicFile.cpp" line="58"/>
        <location filename="../app/core/AtomicFile.cpp" line="61"/>
        <source>Cannot write %1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/AtomicFile.cpp" line="47"/>
        <source>Cannot restrict the permissions of %1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/AtomicFile.cpp" line="56"/>
        <source>not all of it could be written (is the disk full?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/AtomicFile.cpp" line="65"/>
        <source>%1 %2 was written but its permissions could not be set to owner-only (0600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditLog.cpp" line="51"/>
        <source>The audit log&apos;s key is missing or malformed (it must be 32 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="31"/>
        <source>row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="31"/>
        <source>rows %1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Crypto.cpp" line="103"/>
        <source>The system random number generator failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Crypto.cpp" line="111"/>
        <location filename="../app/security/Crypto.cpp" line="138"/>
        <source>AES-256-GCM needs a 32-byte key, got %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Crypto.cpp" line="113"/>
        <source>AES-256-GCM needs a 12-byte nonce, got %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Crypto.cpp" line="131"/>
        <source>AES-256-GCM encryption failed in OpenSSL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Crypto.cpp" line="140"/>
        <source>AES-256-GCM data is malformed: nonce must be 12 bytes and tag 16 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Crypto.cpp" line="161"/>
        <source>AES-256-GCM authentication failed: wrong key, or the data was altered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="46"/>
        <source>Key file %1 is not valid: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="51"/>
        <source>Wrong user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="69"/>
        <source>field &quot;%1&quot; is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="70"/>
        <source>field &quot;%1&quot; is not a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="76"/>
        <source>field &quot;%1&quot; is not valid base64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="80"/>
        <source>field &quot;%1&quot; is %2 bytes long, expected %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="178"/>
        <source>%1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::AccessLogTableModel</name>
    <message>
        <location filename="../ui/AccessLogTableModel.cpp" line="84"/>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AccessLogTableModel.cpp" line="86"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AccessLogTableModel.cpp" line="88"/>
        <source>Agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AccessLogTableModel.cpp" line="90"/>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AccessLogTableModel.cpp" line="92"/>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AccessLogTableModel.cpp" line="94"/>
        <source>Data elements queried</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AccessLogTableModel.cpp" line="96"/>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::AuditLog</name>
    <message>
        <location filename="../app/security/AuditLog.cpp" line="172"/>
        <source>The audit log had no anchor when row %1 was written, although rows were present: the anchor was deleted, and rows at the end of the log may have been removed with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditLog.cpp" line="176"/>
        <source>The audit log&apos;s anchor was not authentic (forged or damaged) when row %1 was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditLog.cpp" line="186"/>
        <source>The audit log&apos;s anchor named row %1, but the log ended at row %2 when row %3 was written: rows after row %2 had been removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditLog.cpp" line="192"/>
        <source>Row %1 no longer matched the audit log&apos;s anchor when row %2 was written: the log up to row %1 had been rewritten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditLog.cpp" line="212"/>
        <source>Row %1 was added to the audit log, but its anchor could not be updated: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::AuditPage</name>
    <message>
        <location filename="../ui/AuditPage.cpp" line="70"/>
        <source>Not verified yet in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.cpp" line="160"/>
        <source>All users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.cpp" line="161"/>
        <source>All events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.cpp" line="167"/>
        <source>Newest %1 of %2 matching rows (%3 in the log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.cpp" line="169"/>
        <source>%1 of %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.cpp" line="180"/>
        <source>Could not verify: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.cpp" line="188"/>
        <source>Intact: %1 rows (checked %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.cpp" line="194"/>
        <source>(rows after %1 are not anchored yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.cpp" line="200"/>
        <source>Not intact: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.cpp" line="202"/>
        <source>(first broken row: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditPage.cpp" line="255"/>
        <source>Newest %1 records</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/AuditPage.cpp" line="256"/>
        <source>%n record(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>alpr::AuditTableModel</name>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="150"/>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="152"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="154"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="156"/>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="158"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="160"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="162"/>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::AuditVerifier</name>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="68"/>
        <source>The audit log&apos;s key is missing or malformed (it must be 32 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="118"/>
        <source>Row %1 records that the audit log had been tampered with before it was written: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="120"/>
        <source>(no details)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="137"/>
        <source>The audit log&apos;s anchor is missing: the end of the log (row %1) cannot be checked, and rows after it may have been removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="144"/>
        <source>The audit log is empty, and its anchor is not authentic (forged or damaged): rows may have been removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="147"/>
        <source>The audit log&apos;s anchor is not authentic (forged or damaged): the end of the log (row %1) cannot be checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="154"/>
        <source>All rows were removed: the audit log is empty, but its anchor says it ended at row %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="158"/>
        <source>Row %1 was removed: the audit log ends at row %2, but its anchor says it ended at row %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="163"/>
        <source>Rows %1–%2 were removed: the audit log ends at row %3, but its anchor says it ended at row %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="171"/>
        <source>Row %1 does not match the audit log&apos;s anchor: the log up to row %1 was rewritten and its hashes recomputed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="224"/>
        <location filename="../app/security/AuditVerifier.cpp" line="274"/>
        <source>are missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="224"/>
        <location filename="../app/security/AuditVerifier.cpp" line="274"/>
        <source>is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="227"/>
        <source>%1 %2: the audit log starts at row %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="229"/>
        <source>%1 %2: the chain jumps from row %3 to row %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="237"/>
        <source>Row %1 is a copy of row %2: a row was inserted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="242"/>
        <source>Row %1 is out of order: it was written after row %2 (row ids were swapped or changed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="250"/>
        <location filename="../app/security/AuditVerifier.cpp" line="282"/>
        <source>were inserted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="250"/>
        <location filename="../app/security/AuditVerifier.cpp" line="282"/>
        <source>was inserted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="252"/>
        <source>%1 %2: row %3 was written right after row %4%5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="256"/>
        <source> and has been renumbered since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="272"/>
        <source>%1 %2: later rows were renumbered to close the gap (row %3 was row %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="279"/>
        <source>%1 %2 before row %3: later rows were renumbered to make room (row %3 was row %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="291"/>
        <source>Row %1 was inserted: row %2 starts the chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="293"/>
        <source>Row %1 was inserted: row %2 follows row %3 directly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="299"/>
        <source>Row %1 was changed: its contents no longer match its hash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="303"/>
        <source>Row %1 was replaced: it does not start the chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="305"/>
        <source>Row %1 was changed and its hash recomputed: row %2 no longer follows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="311"/>
        <source>Row %1 was replaced: it neither follows row %2 nor is followed by row %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/AuditVerifier.cpp" line="318"/>
        <source>Row %1 was changed: its contents and its link to row %2 no longer match.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::Authenticator</name>
    <message>
        <location filename="../app/security/Authenticator.cpp" line="32"/>
        <source>You are accessing a restricted law enforcement information system of the West Covina Police Department. It contains Automated License Plate Reader data and may contain confidential CLETS information. Use is limited to official, authorised law enforcement purposes (Policy 462).

All use of this system is monitored, recorded and audited. Unauthorised use or disclosure is prohibited and may result in disciplinary action and civil and criminal penalties.

By signing in you consent to this monitoring and recording and acknowledge these conditions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Authenticator.cpp" line="56"/>
        <source>The system-use notice must be acknowledged before signing in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Authenticator.cpp" line="58"/>
        <source>Enter your user name and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Authenticator.cpp" line="65"/>
        <source>The account %1 is locked after repeated failed sign-ins; an administrator must unlock it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Authenticator.cpp" line="77"/>
        <source>Wrong user name or password. Too many failed attempts: the account is now locked until an administrator unlocks it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Authenticator.cpp" line="129"/>
        <source>The account %1 was not used for 90 days and is now disabled. Ask an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Authenticator.cpp" line="139"/>
        <source>Enter the 6-digit code from your authenticator app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Authenticator.cpp" line="147"/>
        <source>The one-time code is wrong or expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Authenticator.cpp" line="186"/>
        <source>The account %1 is not locked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::CandidateModel</name>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="48"/>
        <source>not seen within a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="50"/>
        <source>%1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="51"/>
        <source>%1 km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="54"/>
        <source>%1, during the scene time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="56"/>
        <source>%1, %2 min away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="57"/>
        <source>%1, %2 h away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="75"/>
        <source>exact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="76"/>
        <source>1 misread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="76"/>
        <source>%1 misreads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="81"/>
        <source>only, in 1 read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="82"/>
        <source>only, in %1 reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="83"/>
        <source>also, in 1 read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="84"/>
        <source>also, in %1 reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="116"/>
        <source>Matches the pattern as typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="117"/>
        <source>Matches only if the camera misread one character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="118"/>
        <source>Matches only if the camera misread %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="120"/>
        <source>The OCR offered this plate as an alternative reading in %1 reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="124"/>
        <source>Nearest sighting to the scene, in distance and time outside the scene window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="125"/>
        <source>Give a scene to rank by nearness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="144"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="146"/>
        <source>Plate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="148"/>
        <source>Reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="150"/>
        <source>Match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="152"/>
        <source>As OCR alternative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="154"/>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="156"/>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CandidateModel.cpp" line="158"/>
        <source>Nearest to scene</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::CaseDialog</name>
    <message>
        <location filename="../ui/CaseDialog.cpp" line="23"/>
        <source>Choose a category…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CaseDialog.cpp" line="27"/>
        <source>e.g. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CaseDialog.cpp" line="28"/>
        <source>Format: two-digit year, dash, six digits (e.g. %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CaseDialog.cpp" line="30"/>
        <source>case number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CaseDialog.cpp" line="31"/>
        <source>Format set by the administrator: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CaseDialog.cpp" line="38"/>
        <location filename="../ui/CaseDialog.cpp" line="39"/>
        <source>Switch case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CaseDialog.cpp" line="43"/>
        <source>Active now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CaseDialog.cpp" line="45"/>
        <source>Open case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CaseDialog.cpp" line="80"/>
        <source>✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CaseDialog.cpp" line="86"/>
        <source>Not in the case-number format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/CaseDialog.cpp" line="103"/>
        <source>Case number &apos;%1&apos; does not have the department&apos;s format: two-digit year, dash, six digits (e.g. %2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::ChangePasswordDialog</name>
    <message>
        <location filename="../ui/ChangePasswordDialog.cpp" line="19"/>
        <source>Change password</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ChangePasswordDialog.cpp" line="25"/>
        <source>Your password has to be changed: passwords are changed at least every %n day(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ChangePasswordDialog.cpp" line="27"/>
        <source>Choose a new password for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ChangePasswordDialog.cpp" line="29"/>
        <source>Use at least %n characters. Long passphrases of several words are best; spaces and any characters are allowed.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ChangePasswordDialog.cpp" line="50"/>
        <source>Type the new password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChangePasswordDialog.cpp" line="55"/>
        <source>Meets the password policy. Now repeat it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChangePasswordDialog.cpp" line="58"/>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChangePasswordDialog.cpp" line="61"/>
        <source>Meets the password policy, and both entries match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ChangePasswordDialog.cpp" line="73"/>
        <source>The two passwords differ; type the same password twice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::CliContext</name>
    <message>
        <location filename="../app/cli/CliContext.cpp" line="103"/>
        <source>--store PATH is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CliContext.cpp" line="111"/>
        <source>--user NAME is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CliContext.cpp" line="121"/>
        <source>Password for %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CliContext.cpp" line="130"/>
        <source>New password for %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CliContext.cpp" line="133"/>
        <source>Repeat the new password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CliContext.cpp" line="137"/>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CliContext.cpp" line="159"/>
        <source>Type &apos;yes&apos; to acknowledge and continue: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CliContext.cpp" line="164"/>
        <source>The system-use notice was not acknowledged (use --accept-banner in scripts).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CliContext.cpp" line="178"/>
        <source>ALPR data is only accessed for a case: give --case NUMBER and --purpose TEXT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CliContext.cpp" line="196"/>
        <source>--%1: &apos;%2&apos; is not an ISO 8601 time (e.g. 2026-03-01T14:00).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::DemoGenerator</name>
    <message>
        <location filename="../app/ingest/DemoGenerator.cpp" line="163"/>
        <source>The number of demo reads must not be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/DemoGenerator.cpp" line="166"/>
        <source>The demo window must be between 2 and 3660 days long (asked for %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/DemoGenerator.cpp" line="204"/>
        <source>The demo generator was not loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/DemoGenerator.cpp" line="206"/>
        <source>Demo images need a QGuiApplication for their text; create one (the offscreen platform will do) or turn images off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::DemoScenario</name>
    <message>
        <location filename="../app/ingest/DemoScenario.cpp" line="158"/>
        <source>Residential burglary near %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/DemoScenario.cpp" line="224"/>
        <source>A resident near %1 reported a burglary that happened between %2 and %3 on %4 (%5). A neighbour saw a gray Honda Civic drive off and remembers a California plate starting with 7, B as its third character and ending in 2 (pattern 7?B*2). Canvass the cameras within %6 m for that window, then search the partial plate; one camera read the B as an 8, so try misread-tolerant mode too.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::KeySlotFile</name>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="108"/>
        <source>Key file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="110"/>
        <location filename="../app/security/KeySlotFile.cpp" line="115"/>
        <source>Cannot read key file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="112"/>
        <source>it is %1 bytes long, far too large for a key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="117"/>
        <source>the file is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="123"/>
        <source>not JSON, or truncated (at byte %1: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="125"/>
        <source>the top level is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="129"/>
        <source>field &quot;format&quot; is not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="132"/>
        <source>field &quot;version&quot; is not %1 (unsupported version)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="135"/>
        <source>field &quot;store_id&quot; is missing or not a non-empty string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="138"/>
        <source>field &quot;slots&quot; is missing or not an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="144"/>
        <source>slot %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="146"/>
        <source>not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="152"/>
        <source>field &quot;user&quot; is missing or not a non-empty string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="155"/>
        <source>user &quot;%1&quot; has more than one slot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="157"/>
        <source>field &quot;kdf&quot; is not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="161"/>
        <source>field &quot;iterations&quot; is missing or not a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="165"/>
        <source>%1 PBKDF2 iterations is below the minimum of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="207"/>
        <source>key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="227"/>
        <source>A key slot needs a user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="229"/>
        <source>The password for user %1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="231"/>
        <source>The data key must be %1 bytes, got %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="234"/>
        <source>%1 PBKDF2 iterations is below the minimum of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="241"/>
        <source>The system random number generator failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="244"/>
        <location filename="../app/security/KeySlotFile.cpp" line="275"/>
        <source>Deriving the key for user %1 failed in OpenSSL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/KeySlotFile.cpp" line="295"/>
        <source>User %1 has no key slot.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::LocalStore</name>
    <message>
        <location filename="../app/store/LocalStore.cpp" line="141"/>
        <source>%1: %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/LocalStore.cpp" line="147"/>
        <source>%1: the data key must be 32 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/LocalStore.cpp" line="150"/>
        <source>%1: a file of that name already exists; refusing to overwrite it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/LocalStore.cpp" line="153"/>
        <source>%1: no such store file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/LocalStore.cpp" line="155"/>
        <source>%1: not a readable file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/LocalStore.cpp" line="157"/>
        <source>%1: the store file is empty (truncated or damaged).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/LocalStore.cpp" line="174"/>
        <source>%1: cannot open the store: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/LocalStore.cpp" line="177"/>
        <source>%1: cannot restrict the store file to its owner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/LocalStore.cpp" line="196"/>
        <source>%1: cannot decrypt the store: the key does not belong to this file, or the file is damaged or not an ALPR store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/LocalStore.cpp" line="199"/>
        <source>%1: the store cannot be read (damaged?): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/LocalStore.cpp" line="214"/>
        <source>%1: the SQLite library in use is not SQLCipher; refusing to store data unencrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/LocalStore.cpp" line="231"/>
        <source>%1: the store file is truncated (%2 bytes, expected %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/LocalStore.cpp" line="240"/>
        <source>%1: not an ALPR store (no schema).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/LocalStore.cpp" line="262"/>
        <source>local file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/LocalStore.cpp" line="437"/>
        <source>A user named %1 already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/LocalStore.cpp" line="463"/>
        <location filename="../app/store/LocalStore.cpp" line="488"/>
        <location filename="../app/store/LocalStore.cpp" line="701"/>
        <location filename="../app/store/LocalStore.cpp" line="714"/>
        <source>No user named %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::LockScreen</name>
    <message>
        <location filename="../ui/LockScreen.cpp" line="76"/>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="76"/>
        <source>Locked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="77"/>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="78"/>
        <source>Signed in as %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="112"/>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LockScreen.cpp" line="118"/>
        <source>Enter the 6-digit code from your authenticator app.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::LockoutFile</name>
    <message>
        <location filename="../app/security/LockoutFile.cpp" line="39"/>
        <source>Cannot read the lockout file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/LockoutFile.cpp" line="42"/>
        <source>The lockout file %1 is not valid: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/LockoutFile.cpp" line="47"/>
        <source>unknown format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/LockoutFile.cpp" line="49"/>
        <source>unknown version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/LockoutFile.cpp" line="93"/>
        <source>lockout file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::LoginDialog</name>
    <message>
        <location filename="../ui/LoginDialog.cpp" line="33"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LoginDialog.cpp" line="81"/>
        <source>Open ALPR store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LoginDialog.cpp" line="82"/>
        <source>ALPR stores (*.alpr);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LoginDialog.cpp" line="117"/>
        <source>Read and acknowledge the system-use notice first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LoginDialog.cpp" line="125"/>
        <source>Enter the store, your user name and your password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="69"/>
        <source>Plate search index not built: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="74"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="77"/>
        <source>Partial plate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="81"/>
        <source>Latest reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="84"/>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="89"/>
        <source>Manage users…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="92"/>
        <source>&lt;h3&gt;Administration&lt;/h3&gt;Accounts, roles, training dates, CLETS authorisation and locked accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="97"/>
        <source>Administration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="102"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="166"/>
        <source>&amp;Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="167"/>
        <source>Switch &amp;case…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="170"/>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="174"/>
        <source>Change &amp;password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="175"/>
        <source>Enrol &amp;authenticator app…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="178"/>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="181"/>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="224"/>
        <source>ALPR Workstation — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="224"/>
        <source>ALPR Workstation — no active case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="225"/>
        <source>Case %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="225"/>
        <source>No active case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="248"/>
        <location filename="../ui/MainWindow.cpp" line="274"/>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="252"/>
        <source>Locks in %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="269"/>
        <source>inactivity or re-authentication due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="269"/>
        <source>locked by you</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::MfaEnrolmentDialog</name>
    <message>
        <location filename="../ui/MfaEnrolmentDialog.cpp" line="38"/>
        <source>Enrol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MfaEnrolmentDialog.cpp" line="46"/>
        <source>Your department requires a second factor for every sign-in. Scan this code with an authenticator app on your phone (for example FreeOTP, Google Authenticator or Microsoft Authenticator), then type the 6-digit code the app shows for &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MfaEnrolmentDialog.cpp" line="52"/>
        <source>The system&apos;s random number generator failed; cannot create a secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MfaEnrolmentDialog.cpp" line="74"/>
        <source>Type the 6-digit code your authenticator app shows.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::Migrations</name>
    <message>
        <location filename="../app/store/Migrations.cpp" line="179"/>
        <source>%1: the store has schema version %2, newer than this program understands (%3). Use a newer ALPR Workstation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/Migrations.cpp" line="193"/>
        <source>%1: schema migration to version %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::PartialPlatePage</name>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="59"/>
        <source>(%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="60"/>
        <source>Each known character also matches the characters cameras confuse it with. Confusion groups: %1. Matches that need a misread rank below exact ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="69"/>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="72"/>
        <source>Any number of characters the witness did not see</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="128"/>
        <source>&amp;Copy plates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="202"/>
        <source>characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="202"/>
        <source>positions described, plus unknown characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="203"/>
        <source>How many characters the plate has</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="204"/>
        <source>How many positions the witness described</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="223"/>
        <source>after the boxes: the plate starts with them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="224"/>
        <source>before the boxes: the plate ends with them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="226"/>
        <source>in the middle: %1 at the start, %2 at the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="329"/>
        <source>Pattern too complex for the boxes: they can show one run of unknown characters, this pattern has several. The pattern is searched as typed; clear it to use the boxes again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="361"/>
        <source>Position %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="389"/>
        <source>Scene location: write latitude,longitude in degrees, e.g. 34.0473,-117.9657.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="393"/>
        <source>Scene time: “to” must be later than “from”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="413"/>
        <source>Describe at least one character of the plate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="504"/>
        <source>For %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="505"/>
        <source>&lt;b&gt;No active case&lt;/b&gt; — open one (Session ▸ Switch case) to search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="519"/>
        <source>No plate matches &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="521"/>
        <source>&lt;b&gt;%1&lt;/b&gt; candidate plates for &lt;b&gt;%2&lt;/b&gt;: %3 exact, %4 with misreads; %5 known only as an OCR alternative. Select one to list its reads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="527"/>
        <source>Describe the plate in the boxes or type a pattern, then Find candidates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="535"/>
        <source>Reads of the selected candidate appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="540"/>
        <source>Reads of &lt;b&gt;%1&lt;/b&gt;: %2 loaded; loading more failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="544"/>
        <source>Reads of &lt;b&gt;%1&lt;/b&gt;, newest first: %2 so far — scroll for more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PartialPlatePage.cpp" line="546"/>
        <source>Reads of &lt;b&gt;%1&lt;/b&gt;, newest first: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::PasswordPolicy</name>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="195"/>
        <source>Minimum password length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="199"/>
        <source>%1 characters is below the CJIS minimum of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="204"/>
        <source>%1 characters is more than the largest allowed, %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="208"/>
        <source>it can only be raised (now %1, proposed %2): an administrator may only tighten the password policy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="213"/>
        <source>Maximum password age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="216"/>
        <source>%1 days is outside 1 to %2 days (CJIS requires a change at least yearly).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="222"/>
        <source>it can only be shortened (now %1 days, proposed %2): an administrator may only tighten the password policy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="228"/>
        <source>Multi-factor authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="229"/>
        <source>it cannot be switched off once required (CJIS requires it for every user).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="243"/>
        <source>The password contains a control character (such as a tab or line break) at position %1; use letters, digits, spaces and symbols.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="251"/>
        <source>The password is too short: it has %1 characters, at least %2 are needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="258"/>
        <source>The password contains the user name; choose one that does not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="261"/>
        <source>The password is on the list of common and easily guessed passwords (with digits or symbols added at the ends it still is); choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="268"/>
        <source>The password uses only %1 different characters; at least %2 are needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="276"/>
        <source>The password is too easy to guess: %1. A passphrase of %2 or more characters, such as a few unrelated words, avoids this check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="311"/>
        <source>Store setting %1: &quot;%2&quot; is not a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="326"/>
        <source>Store setting %1: &quot;%2&quot; is neither true nor false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="331"/>
        <source>Store setting %1: %2 is outside %3 to %4 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="337"/>
        <source>Store setting %1: %2 days is outside 1 to %3 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/PasswordPolicy.cpp" line="344"/>
        <source>Store setting %1: false is not allowed; CJIS requires multi-factor authentication for every user.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::PlatePattern</name>
    <message>
        <location filename="../app/core/PlatePattern.cpp" line="56"/>
        <source>Plate pattern, position %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/PlatePattern.cpp" line="58"/>
        <source>the pattern is too long (at most %1 characters are read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/PlatePattern.cpp" line="100"/>
        <source>&quot;[&quot; inside [...]: classes cannot be nested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/PlatePattern.cpp" line="108"/>
        <source>%1 cannot be used inside [...]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/PlatePattern.cpp" line="112"/>
        <source>%1 is not allowed inside [...]; list letters and digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/PlatePattern.cpp" line="116"/>
        <source>the range %1-%2 mixes digits and letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/PlatePattern.cpp" line="120"/>
        <source>the range %1-%2 runs backwards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/PlatePattern.cpp" line="134"/>
        <source>&quot;[&quot; is never closed with &quot;]&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/PlatePattern.cpp" line="136"/>
        <source>the class [] is empty; list at least one character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/PlatePattern.cpp" line="140"/>
        <source>the class excludes every character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/PlatePattern.cpp" line="143"/>
        <source>&quot;]&quot; without an opening &quot;[&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/PlatePattern.cpp" line="147"/>
        <source>%1 is not allowed; use letters, digits, ?, * and [...]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/PlatePattern.cpp" line="152"/>
        <source>the pattern needs more than %1 characters; plates have at most %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/PlatePattern.cpp" line="157"/>
        <source>the pattern is empty</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::PlatePositionBox</name>
    <message>
        <location filename="../ui/PlatePositionBox.cpp" line="59"/>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PlatePositionBox.cpp" line="60"/>
        <source>known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PlatePositionBox.cpp" line="61"/>
        <source>one of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PlatePositionBox.cpp" line="62"/>
        <source>none of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PlatePositionBox.cpp" line="64"/>
        <source>any: unknown character · known: this character · one of: any of these · none of: anything but these</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PlatePositionBox.cpp" line="78"/>
        <source>last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PlatePositionBox.cpp" line="80"/>
        <source>last −%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PlatePositionBox.cpp" line="104"/>
        <source>Any character except these</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PlatePositionBox.cpp" line="105"/>
        <source>One character if the witness is sure, several if it was one of them, empty if unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::ReadBatchWriter</name>
    <message>
        <location filename="../app/store/ReadBatchWriter.cpp" line="76"/>
        <source>%1: %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::ReadDetailsDialog</name>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="59"/>
        <source>Read %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="59"/>
        <source>Read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="60"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="61"/>
        <source>Shown for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="69"/>
        <location filename="../ui/ReadDetailsDialog.cpp" line="73"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="71"/>
        <source>camera #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="74"/>
        <source>%1° (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="77"/>
        <source>%1, record %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="83"/>
        <source>%1  (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="90"/>
        <source>read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="112"/>
        <location filename="../ui/ReadDetailsDialog.cpp" line="125"/>
        <source>No images are stored for this read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="116"/>
        <source>Images not shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="121"/>
        <source>The images could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="136"/>
        <source>Images not shown: the viewing could not be recorded in the audit log (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="144"/>
        <source>The stored images could not be decoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="150"/>
        <source>Overview image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadDetailsDialog.cpp" line="151"/>
        <source>Plate crop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::ReadSearchModel</name>
    <message>
        <location filename="../ui/ReadSearchModel.cpp" line="270"/>
        <source>camera #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadSearchModel.cpp" line="283"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadSearchModel.cpp" line="283"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadSearchModel.cpp" line="300"/>
        <source>%1 — confidence %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadSearchModel.cpp" line="330"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadSearchModel.cpp" line="332"/>
        <source>Plate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadSearchModel.cpp" line="334"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadSearchModel.cpp" line="336"/>
        <source>Camera / unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadSearchModel.cpp" line="338"/>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadSearchModel.cpp" line="340"/>
        <source>OCR alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadSearchModel.cpp" line="342"/>
        <source>Vehicle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadSearchModel.cpp" line="344"/>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::ReadTableController</name>
    <message>
        <location filename="../ui/ReadTableController.cpp" line="44"/>
        <source>&amp;Copy plates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadTableController.cpp" line="49"/>
        <source>Read &amp;details…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::ReadTableModel</name>
    <message>
        <location filename="../ui/ReadTableModel.cpp" line="59"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadTableModel.cpp" line="78"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadTableModel.cpp" line="80"/>
        <source>Plate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadTableModel.cpp" line="82"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadTableModel.cpp" line="84"/>
        <source>Camera / unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadTableModel.cpp" line="86"/>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadTableModel.cpp" line="88"/>
        <source>OCR alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadTableModel.cpp" line="90"/>
        <source>Vehicle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadTableModel.cpp" line="92"/>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::ReadsPage</name>
    <message>
        <location filename="../ui/ReadsPage.cpp" line="45"/>
        <source>Copy plates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadsPage.cpp" line="63"/>
        <source>&lt;b&gt;Not available:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadsPage.cpp" line="72"/>
        <source>&lt;b&gt;The store could not be read:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ReadsPage.cpp" line="84"/>
        <source>&lt;b&gt;%1&lt;/b&gt; reads of &lt;b&gt;%2&lt;/b&gt; distinct plates from %3 cameras and units, %4 to %5. The latest %6:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::SearchPage</name>
    <message>
        <location filename="../ui/SearchPage.cpp" line="61"/>
        <source>Also match characters that plate cameras are known to confuse:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="67"/>
        <source>Any state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="86"/>
        <source>Select rows to copy first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="87"/>
        <source>Copied 1 plate to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="88"/>
        <source>Copied %1 plates to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="124"/>
        <source>Cameras unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="134"/>
        <source>%1 (mobile)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="139"/>
        <source>Unit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="158"/>
        <source>%1 of %2 ticked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="159"/>
        <source>none ticked: all %1 searched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="170"/>
        <source>The time window is empty: “Until” must be later than “From”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="184"/>
        <source>Position %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="250"/>
        <source>For %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="251"/>
        <source>&lt;b&gt;No active case&lt;/b&gt; — open one (Session ▸ Switch case) to search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="259"/>
        <source>%1 reads loaded; loading more failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="261"/>
        <source>No reads match &lt;b&gt;%1&lt;/b&gt; with these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="263"/>
        <source>&lt;b&gt;%1&lt;/b&gt; reads so far — scroll for more. Matching &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="265"/>
        <source>&lt;b&gt;%1&lt;/b&gt; reads match &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="267"/>
        <source>Enter a plate or a partial plate and press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="296"/>
        <source>Export reads as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="296"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="304"/>
        <source> More reads match: scroll to load them, then export again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="306"/>
        <source>Exported %1 reads to %2.%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="314"/>
        <source>Nothing to export: run a search first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="319"/>
        <source>Exports belong to a case: open one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="327"/>
        <source>, misreads allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="329"/>
        <source>, with OCR alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="330"/>
        <source>ALPR Workstation export; %1; case number %2; exported by %3 (%4) at %5; query %6%7; %8 reads%9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="334"/>
        <source> (those loaded; more matched)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="368"/>
        <source>CSV export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SearchPage.cpp" line="381"/>
        <source>The export was not kept: it could not be recorded in the audit log (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::Session</name>
    <message>
        <location filename="../app/security/Session.cpp" line="79"/>
        <source>The session is locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="84"/>
        <source>The administrator&apos;s case-number pattern is invalid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="86"/>
        <source>A case number is required before any access to ALPR data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="88"/>
        <source>Case number &apos;%1&apos; does not have the department&apos;s format (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="91"/>
        <source>Choose a purpose category: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="93"/>
        <source>Describe the purpose of the access (at least a few words).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="143"/>
        <source>The session is locked; sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="145"/>
        <source>Multi-factor authentication is required: enrol an authenticator first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="147"/>
        <source>Your password is older than the policy allows: change it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="161"/>
        <source>The %1 role may not %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="163"/>
        <source>You are not authorised for CLETS (policy 462.3(e)).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="167"/>
        <source>Your ALPR training refresher is overdue (policy 462.3(d)).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="168"/>
        <source>No ALPR training is on record for you (policy 462.3(d)).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="171"/>
        <source>ALPR data is only accessed for a case: enter a case number and purpose first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="180"/>
        <source>No active case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="204"/>
        <source>The code does not match. Check the authenticator app&apos;s clock and try the next code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="218"/>
        <source>The new password must differ from the current one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="278"/>
        <source>The account is locked after repeated failed sign-ins; an administrator must unlock it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="290"/>
        <source>Too many failed attempts: the account is now locked until an administrator unlocks it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Session.cpp" line="293"/>
        <source>Wrong password or code.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::SqlCipherDriver</name>
    <message>
        <location filename="../app/store/SqlCipherDriver.cpp" line="170"/>
        <source>Cannot open the database %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherDriver.cpp" line="190"/>
        <source>Invalid connect option &quot;%1&quot;: expected %2=&lt;milliseconds&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherDriver.cpp" line="193"/>
        <source>Unknown connect option &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherDriver.cpp" line="197"/>
        <source>No database file name was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherDriver.cpp" line="204"/>
        <source>The database key must be 64 hexadecimal digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherDriver.cpp" line="220"/>
        <source>The file does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherDriver.cpp" line="265"/>
        <source>The database is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherDriver.cpp" line="281"/>
        <source>Unable to begin a transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherDriver.cpp" line="286"/>
        <source>Unable to commit the transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/store/SqlCipherDriver.cpp" line="291"/>
        <source>Unable to roll back the transaction</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::StreetNetwork</name>
    <message>
        <location filename="../app/ingest/StreetNetwork.cpp" line="187"/>
        <location filename="../app/ingest/StreetNetwork.cpp" line="189"/>
        <source>The demo street data %1 is missing from this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/StreetNetwork.cpp" line="209"/>
        <source>%1: not valid JSON at byte %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/StreetNetwork.cpp" line="215"/>
        <source>%1: feature %2 is not a LineString.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/StreetNetwork.cpp" line="218"/>
        <source>%1: feature %2 has fewer than two points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/StreetNetwork.cpp" line="227"/>
        <source>%1: feature %2, point %3 is not a [longitude, latitude] pair.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/StreetNetwork.cpp" line="233"/>
        <source>%1: feature %2, point %3 lies outside the West Covina area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/StreetNetwork.cpp" line="247"/>
        <source>%1: feature %2 has no length.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/StreetNetwork.cpp" line="251"/>
        <source>%1: no route lines (a FeatureCollection of LineStrings was expected).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/StreetNetwork.cpp" line="261"/>
        <source>%1, line 1: the header must be name,lat,lon,feed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/StreetNetwork.cpp" line="269"/>
        <source>%1, line %2: expected 4 fields (name,lat,lon,feed), found %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/StreetNetwork.cpp" line="279"/>
        <source>%1, line %2: latitude/longitude missing or outside the West Covina area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ingest/StreetNetwork.cpp" line="307"/>
        <source>%1: no named intersection lies on a route.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::Totp</name>
    <message>
        <location filename="../app/security/Totp.cpp" line="87"/>
        <source>&apos;%1&apos; at position %2 follows &apos;=&apos; padding, which may only come at the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Totp.cpp" line="88"/>
        <source>&apos;%1&apos; at position %2 is not a base32 character (A-Z and 2-7).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Totp.cpp" line="89"/>
        <source>The TOTP secret is not valid base32: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Totp.cpp" line="103"/>
        <source>The TOTP secret is not valid base32: %1 characters cannot encode whole bytes (the secret looks cut short or mistyped).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::UserAdminDialog</name>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="179"/>
        <source>New user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="180"/>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="183"/>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="184"/>
        <source>New password for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="185"/>
        <source>Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="185"/>
        <source>Set password</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/UserAdminDialog.cpp" line="229"/>
        <source>At least %n characters; long passphrases are best.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="235"/>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="237"/>
        <source>Meets the password policy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="268"/>
        <source>Added %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="269"/>
        <source>Saved the changes to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="270"/>
        <source>Set a new password for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="301"/>
        <source>Enter a user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="304"/>
        <source>User name: spaces and control characters are not allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="307"/>
        <source>A user named %1 already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="309"/>
        <location filename="../ui/UserAdminDialog.cpp" line="355"/>
        <source>Enter the user&apos;s agency: it is recorded with every query (Civil Code 1798.90.52).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="311"/>
        <location filename="../ui/UserAdminDialog.cpp" line="357"/>
        <source>Refresher due: the date is before the training date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="313"/>
        <location filename="../ui/UserAdminDialog.cpp" line="386"/>
        <source>The two passwords differ; type the same password twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="352"/>
        <source>You cannot take the administrator role from your own account; another administrator must do it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="415"/>
        <source>Disable account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="415"/>
        <source>Disable the account %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="418"/>
        <source>Their key slot is deleted: their password no longer opens this store. This cannot be undone; the account can only be replaced by a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="420"/>
        <source>Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="439"/>
        <source>Disabled %1; their key slot is deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserAdminDialog.cpp" line="456"/>
        <source>Unlocked %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::UserTableModel</name>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="54"/>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="56"/>
        <source>locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="57"/>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="88"/>
        <source>not trained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="92"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="92"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="99"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="121"/>
        <source>The yearly refresher is overdue: no access to ALPR data until it is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="123"/>
        <source>No ALPR training on record: no access to ALPR data (policy 462.3(d)).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="134"/>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="136"/>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="138"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="140"/>
        <source>Agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="142"/>
        <source>Trained on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="144"/>
        <source>Refresher due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="146"/>
        <source>CLETS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="148"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserTableModel.cpp" line="150"/>
        <source>Last sign-in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::Vault</name>
    <message>
        <location filename="../app/security/Vault.cpp" line="44"/>
        <source>%1: a file of that name already exists; refusing to overwrite it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Vault.cpp" line="46"/>
        <source>%1: a key file already exists; refusing to overwrite it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Vault.cpp" line="48"/>
        <source>The first user of a store must be an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Vault.cpp" line="56"/>
        <source>The system&apos;s random number generator failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Vault.cpp" line="101"/>
        <source>%1: no such store file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Vault.cpp" line="134"/>
        <source>%1: this key file belongs to a different store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Vault.cpp" line="138"/>
        <source>Wrong user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Vault.cpp" line="140"/>
        <source>The account %1 is disabled. Ask an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Vault.cpp" line="174"/>
        <source>A user named %1 already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Vault.cpp" line="194"/>
        <source>The account %1 is disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/security/Vault.cpp" line="212"/>
        <source>You cannot disable your own account.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::commands</name>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="27"/>
        <source>audit needs a subcommand: verify, log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="50"/>
        <source>The audit log is NOT intact: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="51"/>
        <source>The audit log is intact: %1 rows verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="75"/>
        <source>access needs a subcommand: log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/DataCommands.cpp" line="91"/>
        <source>demo needs --reads N (a whole number).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/DataCommands.cpp" line="96"/>
        <source>--seed must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/DataCommands.cpp" line="126"/>
        <source>Added %1 demo reads to %2 in %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/DataCommands.cpp" line="128"/>
        <source>Demo crime scene: %1 — %2 Within %3 m of %4,%5, %6 to %7.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/DataCommands.cpp" line="186"/>
        <location filename="../app/cli/SearchCommands.cpp" line="68"/>
        <source>--from must be before --to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/SearchCommands.cpp" line="43"/>
        <source>--plate PATTERN is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/SearchCommands.cpp" line="48"/>
        <source>--plate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/SearchCommands.cpp" line="73"/>
        <source>--camera: &apos;%1&apos; is not a camera id (see the camera column of &apos;reads&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/SearchCommands.cpp" line="126"/>
        <source>--limit must be a positive whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/SearchCommands.cpp" line="172"/>
        <source>%1 widened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/SearchCommands.cpp" line="230"/>
        <source>bench: only &apos;search&apos; is available in this version (canvass and ingest come with their features).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/SearchCommands.cpp" line="235"/>
        <source>bench search needs --reads N.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/SearchCommands.cpp" line="248"/>
        <source>bench: building a demo store of %1 reads at %2 (reused next time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/SearchCommands.cpp" line="288"/>
        <source>Store: %1 reads, %2 distinct plates (%3). Dictionary: %4 plates, %5 MB, built in %6 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/SearchCommands.cpp" line="411"/>
        <source>Every pattern returned the same plates and reads as the SQL scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/SearchCommands.cpp" line="412"/>
        <source>MISMATCH: some patterns differ from the SQL scan (see &apos;same&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/SearchCommands.cpp" line="415"/>
        <source>The benchmark&apos;s results differ from the SQL baseline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="77"/>
        <source>init needs --admin NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="87"/>
        <source>Created %1 (key file %2) with administrator %3. Sign in and enrol in MFA with &apos;alpr-cli mfa enroll&apos; before anything else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="99"/>
        <source>user needs a subcommand: add, list, disable, passwd, unlock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="101"/>
        <source>user %1 needs a user NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="106"/>
        <source>--role must be one of detective, clerk, supervisor, admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="109"/>
        <source>--trained: &apos;%1&apos; is not a date (YYYY-MM-DD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="113"/>
        <source>Unknown user subcommand &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="132"/>
        <source>Changed your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="151"/>
        <source>Added %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="156"/>
        <source>Disabled %1; their key slot is deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="166"/>
        <source>Changed the password of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="170"/>
        <source>Unlocked %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="179"/>
        <source>mfa needs a subcommand: enroll, confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="191"/>
        <source>Add this account to your authenticator app, then run &apos;alpr-cli mfa confirm --otp CODE&apos;:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="201"/>
        <source>No enrolment is pending: run &apos;alpr-cli mfa enroll&apos; first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="206"/>
        <source>MFA is enrolled: give --otp CODE when you sign in.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alpr::demo</name>
    <message>
        <location filename="../app/cli/DataCommands.cpp" line="335"/>
        <source><byte value="xd"/>demo: %1 of %2 reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/DataCommands.cpp" line="355"/>
        <source>Demo accounts (for demonstration only; this demo store does not require MFA):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main/main.cpp" line="24"/>
        <source>ALPR investigator workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main/main.cpp" line="27"/>
        <source>Open this local store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main/main.cpp" line="28"/>
        <source>PATH</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
