// alpr-workstation: the desktop investigator workstation. A thin composition root: it builds the services and
// hands them to the windows; signing out returns to the sign-in dialog.
#include "Clock.h"
#include "LoginDialog.h"
#include "MainWindow.h"
#include "Session.h"
#include "Vault.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QLocale>
#include <QTranslator>
#include <QTimer>

using namespace alpr;

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ALPR Workstation"));
    QApplication::setOrganizationName(QStringLiteral("alpr-workstation"));
    QApplication::setApplicationVersion(QStringLiteral(ALPR_VERSION));
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("alpr_workstation"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "ALPR investigator workstation"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("store"), QApplication::translate("main", "Open this local store."),
                      QApplication::translate("main", "PATH")});
    parser.process(app);
    // Windows come and go (sign-in, main window, sign-out, sign-in again); the loop below decides when to quit.
    QApplication::setQuitOnLastWindowClosed(false);

    SystemClock clock;
    QString storePath = parser.value(QStringLiteral("store"));
    for (;;) {
        LoginDialog login(clock, storePath);
        if (login.exec() != QDialog::Accepted)
            return 0;
        std::unique_ptr<Session> session = login.takeSession();
        if (!session)
            return 0;
        storePath = session->vault().storePath();
        bool signOut = false;
        {
            MainWindow window(std::move(session));
            QEventLoop loop;
            QObject::connect(&window, &MainWindow::signOutRequested, &loop, [&] {
                signOut = true;
                window.close();
            });
            QObject::connect(&app, &QApplication::lastWindowClosed, &loop, &QEventLoop::quit);
            window.show();
            QTimer::singleShot(0, &window, [&window] { window.ensureCase(); });
            loop.exec();
        }
        if (!signOut)
            return 0;
    }
}
